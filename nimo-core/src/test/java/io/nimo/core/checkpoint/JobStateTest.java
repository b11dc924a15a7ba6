package io.nimo.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.JobState.Delta;
import io.nimo.core.checkpoint.ShardCheckpoint.Status;
import io.nimo.core.item.ItemEquality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The checkpoint's state machine, delta by delta, and its JSON files' round trip. */
class JobStateTest {
  private static final Map<String, AttributeValue> LAST_KEY =
      Map.of(
          "pk", AttributeValue.fromS("user#7"),
          "sk", AttributeValue.fromN("12345678901234567890.5"),
          "bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})));

  private static JobState afterFullSyncOf(String table) {
    return JobState.fresh("job")
        .apply(new Delta.TablePrepared(table, 4))
        .apply(
            new Delta.SegmentsAdvanced(
                table, List.of(new SegmentCheckpoint(1, LAST_KEY, 250, false))))
        .apply(
            new Delta.SegmentsAdvanced(table, List.of(new SegmentCheckpoint(1, null, 500, true))));
  }

  @Test
  void segmentProgressAccumulatesPerSegmentAndCompletionIsKept() {
    JobState s = afterFullSyncOf("t");
    TableCheckpoint t = s.table("t").orElseThrow();
    assertThat(t.totalSegments()).isEqualTo(4);
    assertThat(t.segment(1).done()).isTrue();
    assertThat(t.segment(1).itemsWritten()).isEqualTo(500);
    assertThat(t.segment(0).done()).isFalse();
    assertThat(t.done()).isFalse();
    assertThat(s.apply(new Delta.TableCompleted("t")).table("t").orElseThrow().done()).isTrue();
  }

  @Test
  void resetStartsATableOverAndForgetDropsIt() {
    JobState s = afterFullSyncOf("t");
    TableCheckpoint reset = s.apply(new Delta.TableReset("t")).table("t").orElseThrow();
    assertThat(reset.segments()).isEmpty();
    assertThat(reset.prepared()).isFalse();
    assertThat(s.apply(new Delta.TableForgotten("t")).table("t")).isEmpty();
  }

  @Test
  void progressBeforeItsPreparationIsRefusedNamingTheTable() {
    JobState fresh = JobState.fresh("job");
    assertThatThrownBy(
            () ->
                fresh.apply(
                    new Delta.SegmentsAdvanced("orders", List.of(SegmentCheckpoint.start(0)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("orders");
    assertThatThrownBy(
            () ->
                fresh.apply(
                    new Delta.ShardsAdvanced(
                        "orders", List.of(new ShardCheckpoint("s1", null, "1", Status.READING)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("StreamPrepared");
  }

  @Test
  void shardPositionsAdvanceAreForgottenAndConfirmed() {
    ShardCheckpoint parent = new ShardCheckpoint("p", null, null, Status.PENDING);
    ShardCheckpoint child = new ShardCheckpoint("c", "p", null, Status.PENDING);
    JobState s =
        JobState.fresh("job")
            .apply(new Delta.StreamPrepared("t", "arn:stream/1", List.of(parent, child)))
            .apply(
                new Delta.ShardsAdvanced(
                    "t", List.of(parent.advancedTo("100").withStatus(Status.DONE))))
            .apply(new Delta.ShardsForgotten("t", List.of("p")))
            .apply(new Delta.StreamConfirmed("t", 42))
            .apply(new Delta.PhaseChanged(JobState.Phase.INCR_SYNC));
    StreamCheckpoint stream = s.stream("t").orElseThrow();
    assertThat(stream.shards().keySet()).containsExactly("c");
    assertThat(stream.confirmedAtMillis()).isEqualTo(42);
    assertThat(s.phase()).isEqualTo(JobState.Phase.INCR_SYNC);
    assertThat(Delta.class.isSealed()).isTrue();
  }

  @Test
  void tableAndStreamFilesRoundTripEveryKeyTypeAndStatus() {
    TableCheckpoint table = afterFullSyncOf("t").table("t").orElseThrow();
    Map<Integer, SegmentCheckpoint> segments = new LinkedHashMap<>(table.segments());
    segments.put(2, new SegmentCheckpoint(2, LAST_KEY, 7, false));
    TableCheckpoint withKey = new TableCheckpoint("t", true, 4, segments, false);
    TableCheckpoint read = CheckpointJson.readTable(CheckpointJson.writeTable(withKey), "t.json");
    assertThat(read.totalSegments()).isEqualTo(4);
    assertThat(read.segment(1).done()).isTrue();
    assertThat(ItemEquality.equal(read.segment(2).lastKey(), LAST_KEY)).isTrue();
    assertThat(read.segment(2).itemsWritten()).isEqualTo(7);

    Map<String, ShardCheckpoint> shards = new LinkedHashMap<>();
    for (Status st : Status.values()) {
      shards.put("s-" + st, new ShardCheckpoint("s-" + st, "parent", "4900000000000000000001", st));
    }
    shards.put("inclusive", new ShardCheckpoint("inclusive", null, "17", Status.READING, true));
    StreamCheckpoint stream = new StreamCheckpoint("t", "arn:stream/1", shards, 1234);
    StreamCheckpoint back =
        CheckpointJson.readStream(CheckpointJson.writeStream(stream), "t.stream.json");
    assertThat(back).isEqualTo(stream);
  }
}
