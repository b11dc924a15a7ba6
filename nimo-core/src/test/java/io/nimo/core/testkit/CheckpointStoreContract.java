package io.nimo.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.SegmentCheckpoint;
import io.nimo.core.checkpoint.ShardCheckpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conformance tests every {@link CheckpointStore} must pass (in nimo-core's test-jar). The
 * implementer supplies stores that all read and write the same durable location, so that a second
 * store sees what the first saved, as a restarted process would.
 */
public abstract class CheckpointStoreContract {

  /** A store over the test's durable location; each call models a fresh process. */
  protected abstract CheckpointStore openStore();

  private static final Map<String, AttributeValue> KEY =
      Map.of(
          "pk",
          AttributeValue.fromS("user#ü"),
          "sk",
          AttributeValue.fromN("-1.5E+100"),
          "b",
          AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0x80, 0})));

  @Test
  void aNewLocationLoadsAsAFreshJob() {
    try (CheckpointStore store = openStore()) {
      JobState s = store.load("job-a");
      assertThat(s.phase()).isEqualTo(JobState.Phase.NEW);
      assertThat(s.tables()).isEmpty();
    }
  }

  @Test
  void savedProgressSurvivesARestartExactly() {
    try (CheckpointStore store = openStore()) {
      store.load("job-a");
      store.save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_SYNC));
      store.save(new JobState.Delta.TablePrepared("t1", 3));
      store.save(
          new JobState.Delta.SegmentsAdvanced(
              "t1", List.of(new SegmentCheckpoint(1, KEY, 42, false))));
      store.save(new JobState.Delta.TablePrepared("t2", 1));
      store.save(
          new JobState.Delta.SegmentsAdvanced(
              "t2", List.of(new SegmentCheckpoint(0, null, 5, true))));
      store.save(new JobState.Delta.TableCompleted("t2"));
    }
    try (CheckpointStore again = openStore()) {
      JobState s = again.load("job-a");
      assertThat(s.phase()).isEqualTo(JobState.Phase.FULL_SYNC);
      assertThat(s.tables()).containsOnlyKeys("t1", "t2");
      assertThat(s.table("t1").orElseThrow().segment(1))
          .isEqualTo(new SegmentCheckpoint(1, KEY, 42, false));
      assertThat(s.table("t1").orElseThrow().segment(0)).isEqualTo(SegmentCheckpoint.start(0));
      assertThat(s.table("t1").orElseThrow().done()).isFalse();
      assertThat(s.table("t2").orElseThrow().done()).isTrue();
    }
  }

  @Test
  void streamPositionsSurviveARestartExactly() {
    ShardCheckpoint at =
        new ShardCheckpoint(
            "shard-2", "shard-1", "000000000000000000123", ShardCheckpoint.Status.PENDING, true);
    ShardCheckpoint after =
        new ShardCheckpoint(
            "shard-3", null, "000000000000000000456", ShardCheckpoint.Status.READING);
    ShardCheckpoint oldest =
        new ShardCheckpoint("shard-4", "shard-3", null, ShardCheckpoint.Status.PENDING);
    ShardCheckpoint skipped =
        new ShardCheckpoint(
            "shard-1", null, "000000000000000000099", ShardCheckpoint.Status.SKIPPED);
    try (CheckpointStore store = openStore()) {
      store.load("job-a");
      store.save(
          new JobState.Delta.StreamPrepared(
              "t1", "arn:aws:dynamodb:x:1:table/t1/stream/1", List.of(skipped, at)));
      store.save(new JobState.Delta.ShardsAdvanced("t1", List.of(after, oldest)));
      store.save(
          new JobState.Delta.ShardsAdvanced(
              "t1",
              List.of(
                  new ShardCheckpoint(
                      "shard-3", null, "000000000000000000789", ShardCheckpoint.Status.DONE))));
    }
    try (CheckpointStore again = openStore()) {
      var stream = again.load("job-a").stream("t1").orElseThrow();
      assertThat(stream.streamArn()).isEqualTo("arn:aws:dynamodb:x:1:table/t1/stream/1");
      assertThat(stream.shards()).containsOnlyKeys("shard-1", "shard-2", "shard-3", "shard-4");
      assertThat(stream.shards().get("shard-2")).isEqualTo(at);
      assertThat(stream.shards().get("shard-2").iteratorType()).isEqualTo("AT_SEQUENCE_NUMBER");
      assertThat(stream.shards().get("shard-1")).isEqualTo(skipped);
      assertThat(stream.shards().get("shard-4")).isEqualTo(oldest);
      assertThat(stream.shards().get("shard-3").status()).isEqualTo(ShardCheckpoint.Status.DONE);
      assertThat(stream.shards().get("shard-3").sequenceNumber())
          .isEqualTo("000000000000000000789");
    }
  }

  @Test
  void laterSavesReplaceEarlierPositions() {
    try (CheckpointStore store = openStore()) {
      store.load("job-a");
      store.save(new JobState.Delta.TablePrepared("t1", 1));
      store.save(
          new JobState.Delta.SegmentsAdvanced(
              "t1", List.of(new SegmentCheckpoint(0, KEY, 1, false))));
      store.save(
          new JobState.Delta.SegmentsAdvanced(
              "t1", List.of(new SegmentCheckpoint(0, null, 9, true))));
      store.save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_DONE));
    }
    try (CheckpointStore again = openStore()) {
      JobState s = again.load("job-a");
      assertThat(s.phase()).isEqualTo(JobState.Phase.FULL_DONE);
      assertThat(s.table("t1").orElseThrow().segment(0))
          .isEqualTo(new SegmentCheckpoint(0, null, 9, true));
    }
  }

  @Test
  void resetAndForgottenTablesSurviveARestart() {
    try (CheckpointStore store = openStore()) {
      store.load("job-a");
      store.save(new JobState.Delta.TablePrepared("t1", 2));
      store.save(new JobState.Delta.TableCompleted("t1"));
      store.save(new JobState.Delta.TableReset("t1"));
      store.save(new JobState.Delta.TableReset("t2"));
      store.save(new JobState.Delta.TableForgotten("t2"));
    }
    try (CheckpointStore again = openStore()) {
      JobState s = again.load("job-a");
      assertThat(s.tables()).containsOnlyKeys("t1");
      assertThat(s.table("t1").orElseThrow().prepared()).isFalse();
      assertThat(s.table("t1").orElseThrow().done()).isFalse();
    }
  }

  @Test
  void theTimeAStreamWasLastFollowedSurvivesARestart() {
    try (CheckpointStore store = openStore()) {
      store.load("job-a");
      store.save(new JobState.Delta.StreamPrepared("t1", "arn:1", List.of()));
      store.save(new JobState.Delta.StreamConfirmed("t1", 1_700_000_000_123L));
    }
    try (CheckpointStore again = openStore()) {
      assertThat(again.load("job-a").stream("t1").orElseThrow().confirmedAtMillis())
          .isEqualTo(1_700_000_000_123L);
    }
  }

  @Test
  void spoolingShardStatesSurviveARestart() {
    ShardCheckpoint spooling =
        new ShardCheckpoint(
            "shard-1", null, "000000000000000000007", ShardCheckpoint.Status.SPOOLING);
    ShardCheckpoint spooled =
        new ShardCheckpoint(
            "shard-2", "shard-1", "000000000000000000009", ShardCheckpoint.Status.SPOOLED);
    try (CheckpointStore store = openStore()) {
      store.load("job-a");
      store.save(new JobState.Delta.StreamPrepared("t1", "arn:1", List.of(spooling, spooled)));
    }
    try (CheckpointStore again = openStore()) {
      assertThat(again.load("job-a").stream("t1").orElseThrow().shards().values())
          .containsExactly(spooling, spooled);
    }
  }

  @Test
  void saveBeforeLoadIsRefused() {
    try (CheckpointStore store = openStore()) {
      assertThatThrownBy(
              () -> store.save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_SYNC)))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
