package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.ShardCheckpoint.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shard lineage: a child waits for its parent, positions move on, trimmed shards are forgotten. */
class ShardTrackerTest {
  private static final ShardInfo ROOT = new ShardInfo("s-001", null, "900");
  private static final ShardInfo LEFT = new ShardInfo("s-002", "s-001", null);
  private static final ShardInfo RIGHT = new ShardInfo("s-003", "s-001", null);

  private static ShardTracker applying() {
    return new ShardTracker(Status::finished);
  }

  private static List<String> ids(List<ShardCheckpoint> shards) {
    return shards.stream().map(ShardCheckpoint::shardId).toList();
  }

  @Test
  void childrenOfASplitStartOnlyOnceTheirParentIsFullyApplied() {
    ShardTracker t = applying();
    t.addNew(List.of(ROOT, LEFT, RIGHT));
    assertThat(ids(t.takeReady(8))).containsExactly("s-001");
    assertThat(t.takeReady(8)).as("the parent is still being read").isEmpty();
    t.track(new ShardCheckpoint("s-001", null, "500", Status.READING));
    t.released("s-001");
    assertThat(ids(t.takeReady(8))).as("a parent read halfway").containsExactly("s-001");
    t.track(new ShardCheckpoint("s-001", null, "900", Status.DONE));
    t.released("s-001");
    assertThat(ids(t.takeReady(8))).containsExactly("s-002", "s-003");
  }

  @Test
  void aChildWhoseParentIsNoLongerTrackedIsReady() {
    ShardTracker t = applying();
    t.addNew(List.of(LEFT));
    assertThat(ids(t.takeReady(1))).containsExactly("s-002");
  }

  @Test
  void takesNoMoreThanTheFreeReaders() {
    ShardTracker t = applying();
    t.addNew(
        List.of(
            new ShardInfo("a", null, null),
            new ShardInfo("b", null, null),
            new ShardInfo("c", null, null)));
    assertThat(ids(t.takeReady(2))).containsExactly("a", "b");
    assertThat(t.takeReady(2)).isEmpty();
    t.released("a");
    assertThat(ids(t.takeReady(2))).containsExactly("a");
  }

  @Test
  void addNewTracksOnlyUnknownShardsAndKeepsKnownPositions() {
    ShardTracker t = applying();
    t.addNew(List.of(ROOT));
    t.track(new ShardCheckpoint("s-001", null, "42", Status.READING));
    List<ShardCheckpoint> added = t.addNew(List.of(ROOT, LEFT));
    assertThat(ids(added)).containsExactly("s-002");
    assertThat(added.get(0).status()).isEqualTo(Status.PENDING);
    assertThat(t.takeReady(8).get(0).sequenceNumber()).isEqualTo("42");
  }

  @Test
  void forgetsOnlyFinishedShardsTheStreamNoLongerLists() {
    ShardTracker t = applying();
    t.addNew(List.of(ROOT, LEFT, new ShardInfo("s-009", null, null)));
    t.track(new ShardCheckpoint("s-001", null, "900", Status.DONE));
    assertThat(t.forgetTrimmed(List.of(LEFT))).containsExactly("s-001");
    assertThat(ids(t.takeReady(8))).containsExactly("s-002", "s-009");
  }

  @Test
  void aSpoolingSinkLetsChildrenStartOnceTheParentIsSpooled() {
    ShardTracker t = new ShardTracker(s -> s.finished() || s == Status.SPOOLED);
    t.addNew(List.of(ROOT, LEFT));
    t.takeReady(8);
    t.track(new ShardCheckpoint("s-001", null, "900", Status.SPOOLED));
    t.released("s-001");
    assertThat(ids(t.takeReady(8))).containsExactly("s-002");
  }
}
