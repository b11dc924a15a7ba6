package io.nimo.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.ShardCheckpoint.Status;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.source.stream.StreamPositionLostException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which shard may be read when, and by whom; what a restore and a trimmed stream do. */
class ShardAssignerTest {
  private static final Set<Integer> READERS = Set.of(0, 1, 2);

  private static ShardAssigner assigner(TrackedShard... shards) {
    return new ShardAssigner(
        new ShardEnumeratorState(Map.of("orders", "arn:1"), Map.of("orders", 5L), List.of(shards)));
  }

  private static TrackedShard shard(String id, String parent, Status status, String seq, int r) {
    return new TrackedShard("orders", new ShardCheckpoint(id, parent, seq, status), r);
  }

  private static TrackedShard pending(String id, String parent) {
    return shard(id, parent, Status.PENDING, null, -1);
  }

  private static List<String> ids(List<ShardSplit> splits) {
    return splits.stream().map(ShardSplit::shardId).toList();
  }

  @Test
  void aChildWaitsForItsParentAndThenGoesToTheReaderThatFinishedIt() {
    ShardAssigner l = assigner(pending("p", null), pending("c1", "p"), pending("c2", "p"));
    Map<Integer, List<ShardSplit>> first = l.assign(READERS);
    assertThat(first).hasSize(1);
    int owner = first.keySet().iterator().next();
    assertThat(ids(first.get(owner))).containsExactly("p");
    assertThat(l.assign(READERS)).isEmpty();

    l.finished(List.of(ShardSplit.id("orders", "p")), owner);
    Map<Integer, List<ShardSplit>> children = l.assign(READERS);
    assertThat(children).containsOnlyKeys(owner);
    assertThat(ids(children.get(owner))).containsExactly("c1", "c2");
  }

  @Test
  void aParentRecordedForReaderThreeButFinishedOnReaderOneSendsItsChildrenToOne() {
    ShardAssigner l = assigner(shard("p", null, Status.READING, "7", 3), pending("c", "p"));
    assertThat(l.assign(READERS)).as("p is still read by a restored reader").isEmpty();
    l.finished(List.of("orders/p"), 1);
    Map<Integer, List<ShardSplit>> children = l.assign(Set.of(0, 1, 2, 3));
    assertThat(children).containsOnlyKeys(1);
    assertThat(ids(children.get(1))).containsExactly("c");
  }

  @Test
  void shardsWithoutAKnownParentSpreadOverTheLeastLoadedReaders() {
    ShardAssigner l = assigner(pending("a", "gone"), pending("b", null), pending("c", null));
    Map<Integer, List<ShardSplit>> out = l.assign(READERS);
    assertThat(out).containsOnlyKeys(0, 1, 2);
    out.values().forEach(v -> assertThat(v).hasSize(1));
  }

  @Test
  void startPositionsAndTheListingTimeTravelInTheSplitsAndDoneShardsAreNotRead() {
    ShardAssigner l =
        assigner(
            shard("old", null, Status.SKIPPED, "5", -1),
            new TrackedShard(
                "orders", new ShardCheckpoint("open", "old", "9", Status.PENDING, true), -1));
    List<ShardSplit> out = l.assign(READERS).values().iterator().next();
    assertThat(out)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.shardId()).isEqualTo("open");
              assertThat(s.sequenceNumber()).isEqualTo("9");
              assertThat(s.inclusive()).isTrue();
              assertThat(s.streamArn()).isEqualTo("arn:1");
              assertThat(s.confirmedAtMillis()).isEqualTo(5L);
            });
  }

  @Test
  void shardsGivenBackByAFailedReaderAreReadAgainFromTheirPositionEvenIfReportedDone() {
    ShardAssigner l = assigner(pending("p", null));
    ShardSplit given = l.assign(Set.of(1)).get(1).get(0);
    l.finished(List.of(given.splitId()), 1);
    l.returned(List.of(given.after("42", 9)), 1);
    assertThat(l.count(Status.PENDING)).isEqualTo(1);
    Map<Integer, List<ShardSplit>> again = l.assign(READERS);
    assertThat(again).containsOnlyKeys(1);
    assertThat(again.get(1).get(0).sequenceNumber()).isEqualTo("42");
  }

  @Test
  void newShardsStartAtTheirOldestRecordAndAWaitingShardThatLeftTheStreamIsLost() {
    ShardAssigner l = assigner(pending("p", null), pending("c", "p"));
    l.assign(READERS);
    l.merge(
        "orders",
        List.of(
            new ShardInfo("p", null, null),
            new ShardInfo("c", "p", null),
            new ShardInfo("n", null, null)),
        10);
    assertThat(l.snapshot().shards())
        .filteredOn(s -> s.position().shardId().equals("n"))
        .singleElement()
        .satisfies(s -> assertThat(s.position().sequenceNumber()).isNull());
    assertThat(l.snapshot().confirmedAt()).containsEntry("orders", 10L);
    assertThatThrownBy(() -> l.merge("orders", List.of(new ShardInfo("n", null, null)), 11))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("left the stream");
  }

  @Test
  void doneShardsTheStreamNoLongerListsAreForgotten() {
    ShardAssigner l = assigner(shard("old", null, Status.DONE, "5", 0), pending("x", null));
    l.merge("orders", List.of(new ShardInfo("x", null, null)), 10);
    assertThat(l.snapshot().shards()).extracting(s -> s.position().shardId()).containsExactly("x");
  }

  @Test
  void stateSurvivesTheCheckpointSerializer() throws Exception {
    ShardAssigner l = assigner(pending("p", null), pending("c", "p"));
    l.assign(READERS);
    ShardEnumeratorState state = l.snapshot();
    ShardEnumeratorStateSerializer ser = new ShardEnumeratorStateSerializer();
    assertThat(ser.deserialize(ser.getVersion(), ser.serialize(state))).isEqualTo(state);
    ShardSplit split = new ShardSplit("orders", "arn:1", "c", "p", "12", false, true, 77);
    assertThat(
            ShardSplitSerializer.INSTANCE.deserialize(
                ShardSplitSerializer.INSTANCE.getVersion(),
                ShardSplitSerializer.INSTANCE.serialize(split)))
        .isEqualTo(split);
  }

  @Test
  void versionOneStateFromAnEarlierReleaseIsStillRead() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeUTF("orders");
      out.writeUTF("arn:1");
      out.writeInt(1);
      out.writeUTF("orders");
      out.writeUTF("p");
      ShardSplitSerializer.writeNullable(out, null);
      out.writeByte(1); // ASSIGNED
      ShardSplitSerializer.writeNullable(out, "7");
      out.writeBoolean(false);
      out.writeInt(2);
    }
    ShardEnumeratorState state =
        new ShardEnumeratorStateSerializer().deserialize(1, bytes.toByteArray());
    assertThat(state.shards())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.position().status()).isEqualTo(Status.READING);
              assertThat(s.position().sequenceNumber()).isEqualTo("7");
              assertThat(s.reader()).isEqualTo(2);
            });
    assertThat(state.confirmedAt()).containsEntry("orders", 0L);
  }
}
