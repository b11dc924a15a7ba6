package io.nimo.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.source.stream.ShardInfo;
import io.nimo.flink.stream.TrackedShard.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which shard may be read when, and by whom; what a restore and a trimmed stream do. */
class ShardLedgerTest {
  private static final Set<Integer> READERS = Set.of(0, 1, 2);

  private static ShardLedger ledger(TrackedShard... shards) {
    return new ShardLedger(new ShardEnumeratorState(Map.of("orders", "arn:1"), List.of(shards)));
  }

  private static TrackedShard pending(String id, String parent) {
    return new TrackedShard("orders", id, parent, Status.PENDING, null, false, -1);
  }

  private static List<String> ids(List<ShardSplit> splits) {
    return splits.stream().map(ShardSplit::shardId).toList();
  }

  @Test
  void aChildWaitsForItsParentAndThenGoesToTheParentsReader() {
    ShardLedger l = ledger(pending("p", null), pending("c1", "p"), pending("c2", "p"));
    Map<Integer, List<ShardSplit>> first = l.assign(READERS);
    assertThat(first).hasSize(1);
    int owner = first.keySet().iterator().next();
    assertThat(ids(first.get(owner))).containsExactly("p");
    assertThat(l.assign(READERS)).isEmpty();

    l.finished(List.of(ShardSplit.id("orders", "p")));
    Map<Integer, List<ShardSplit>> children = l.assign(READERS);
    assertThat(children).containsOnlyKeys(owner);
    assertThat(ids(children.get(owner))).containsExactly("c1", "c2");
  }

  @Test
  void shardsWithoutAKnownParentSpreadOverTheLeastLoadedReaders() {
    ShardLedger l = ledger(pending("a", "gone"), pending("b", null), pending("c", null));
    Map<Integer, List<ShardSplit>> out = l.assign(READERS);
    assertThat(out).containsOnlyKeys(0, 1, 2);
    out.values().forEach(v -> assertThat(v).hasSize(1));
  }

  @Test
  void startPositionsTravelInTheSplitsAndDoneShardsAreNotRead() {
    ShardLedger l =
        ledger(
            new TrackedShard("orders", "old", null, Status.DONE, "5", false, -1),
            new TrackedShard("orders", "open", "old", Status.PENDING, "9", true, -1));
    List<ShardSplit> out = l.assign(READERS).values().iterator().next();
    assertThat(out)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.shardId()).isEqualTo("open");
              assertThat(s.sequenceNumber()).isEqualTo("9");
              assertThat(s.inclusive()).isTrue();
              assertThat(s.streamArn()).isEqualTo("arn:1");
            });
  }

  @Test
  void shardsGivenBackByAFailedReaderAreReadAgainFromTheirPositionEvenIfReportedDone() {
    ShardLedger l = ledger(pending("p", null));
    ShardSplit given = l.assign(Set.of(1)).get(1).get(0);
    l.finished(List.of(given.splitId()));
    l.returned(List.of(given), 1);
    assertThat(l.count(Status.PENDING)).isEqualTo(1);
    assertThat(l.assign(READERS)).containsOnlyKeys(1);
  }

  @Test
  void newShardsStartAtTheirOldestRecordAndAWaitingShardThatLeftTheStreamIsLost() {
    ShardLedger l = ledger(pending("p", null), pending("c", "p"));
    l.assign(READERS);
    assertThat(
            l.merge(
                "orders",
                List.of(
                    new ShardInfo("p", null, null),
                    new ShardInfo("c", "p", null),
                    new ShardInfo("n", null, null))))
        .isEmpty();
    assertThat(l.snapshot().shards())
        .filteredOn(s -> s.shardId().equals("n"))
        .singleElement()
        .satisfies(s -> assertThat(s.sequenceNumber()).isNull());
    // "c" waits for "p"; the stream trims both
    assertThat(l.merge("orders", List.of(new ShardInfo("n", null, null))))
        .extracting(TrackedShard::shardId)
        .containsExactly("c");
  }

  @Test
  void doneShardsTheStreamNoLongerListsAreForgotten() {
    ShardLedger l =
        ledger(
            new TrackedShard("orders", "old", null, Status.DONE, "5", false, 0),
            pending("x", null));
    assertThat(l.merge("orders", List.of(new ShardInfo("x", null, null)))).isEmpty();
    assertThat(l.snapshot().shards()).extracting(TrackedShard::shardId).containsExactly("x");
  }

  @Test
  void stateSurvivesTheCheckpointSerializer() throws Exception {
    ShardLedger l = ledger(pending("p", null), pending("c", "p"));
    l.assign(READERS);
    ShardEnumeratorState state = l.snapshot();
    ShardEnumeratorStateSerializer ser = new ShardEnumeratorStateSerializer();
    assertThat(ser.deserialize(ser.getVersion(), ser.serialize(state))).isEqualTo(state);
    ShardSplit split = new ShardSplit("orders", "arn:1", "c", "p", "12", false, true);
    assertThat(
            ShardSplitSerializer.INSTANCE.deserialize(
                1, ShardSplitSerializer.INSTANCE.serialize(split)))
        .isEqualTo(split);
  }
}
