package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.ShardCheckpoint.Status;
import io.nimo.core.dynamo.ShardInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one shard-lineage model: a child waits for its parent and goes to the reader that finished
 * it, positions move on, trimmed shards are forgotten, lost ones refused, stale starts refused.
 */
class ShardTrackerTest {
  private static final ShardInfo ROOT = new ShardInfo("s-001", null, "900");
  private static final ShardInfo LEFT = new ShardInfo("s-002", "s-001", null);
  private static final ShardInfo RIGHT = new ShardInfo("s-003", "s-001", null);
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private static ShardTracker applying() {
    return new ShardTracker("orders", Status::finished);
  }

  private static List<String> ids(List<ShardCheckpoint> shards) {
    return shards.stream().map(ShardCheckpoint::shardId).toList();
  }

  @Test
  void childrenOfASplitStartOnlyOnceTheirParentIsFullyApplied() {
    ShardTracker t = applying();
    t.merge(List.of(ROOT, LEFT, RIGHT));
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
    t.merge(List.of(LEFT));
    assertThat(ids(t.takeReady(1))).containsExactly("s-002");
  }

  @Test
  void takesNoMoreThanTheFreeReaders() {
    ShardTracker t = applying();
    t.merge(
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
  void mergeTracksOnlyUnknownShardsAndKeepsKnownPositions() {
    ShardTracker t = applying();
    t.merge(List.of(ROOT));
    t.track(new ShardCheckpoint("s-001", null, "42", Status.READING));
    List<ShardCheckpoint> added = t.merge(List.of(ROOT, LEFT)).added();
    assertThat(ids(added)).containsExactly("s-002");
    assertThat(added.get(0).status()).isEqualTo(Status.PENDING);
    assertThat(t.takeReady(8).get(0).sequenceNumber()).isEqualTo("42");
  }

  @Test
  void forgetsOnlyFinishedShardsTheStreamNoLongerLists() {
    ShardTracker t = applying();
    t.merge(List.of(ROOT, LEFT, new ShardInfo("s-009", null, null)));
    t.track(new ShardCheckpoint("s-001", null, "900", Status.DONE));
    assertThat(t.merge(List.of(LEFT, new ShardInfo("s-009", null, null))).forgotten())
        .containsExactly("s-001");
    assertThat(ids(t.takeReady(8))).containsExactly("s-002", "s-009");
  }

  @Test
  void aShardNotReadToItsEndThatLeftTheStreamIsALostPosition() {
    ShardTracker t = applying();
    t.merge(List.of(ROOT, LEFT));
    assertThatThrownBy(() -> t.merge(List.of(LEFT)))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("table orders: shard s-001 left the stream");
  }

  @Test
  void aSpooledShardThatLeftTheStreamIsNeitherLostNorForgotten() {
    ShardTracker t = new ShardTracker("orders", s -> s.finished() || s == Status.SPOOLED);
    t.merge(List.of(ROOT, LEFT));
    t.track(new ShardCheckpoint("s-001", null, "900", Status.SPOOLED));
    assertThat(t.merge(List.of(LEFT)).forgotten()).isEmpty();
    assertThat(t.get("s-001").status()).isEqualTo(Status.SPOOLED);
  }

  @Test
  void aSpoolingSinkLetsChildrenStartOnceTheParentIsSpooled() {
    ShardTracker t = new ShardTracker("orders", s -> s.finished() || s == Status.SPOOLED);
    t.merge(List.of(ROOT, LEFT));
    t.takeReady(8);
    t.track(new ShardCheckpoint("s-001", null, "900", Status.SPOOLED));
    t.released("s-001");
    assertThat(ids(t.takeReady(8))).containsExactly("s-002");
  }

  @Test
  void childrenGoToTheReaderThatFinishedTheParentNotTheOneFirstGivenIt() {
    ShardTracker t = applying();
    t.merge(List.of(ROOT, LEFT, RIGHT));
    t.started("s-001", 3);
    t.released("s-001"); // its reader's state moved to reader 1 on a rescale
    t.started("s-001", 1);
    t.finished("s-001", 1);
    assertThat(ids(t.ready())).containsExactly("s-002", "s-003");
    assertThat(t.preferredReader("s-002")).isEqualTo(1);
    assertThat(t.preferredReader("s-003")).isEqualTo(1);
  }

  @Test
  void aShardWithoutAFinishedParentPrefersTheReaderThatLastHeldIt() {
    ShardTracker t = applying();
    t.merge(List.of(new ShardInfo("a", null, null)));
    assertThat(t.preferredReader("a")).isEqualTo(-1);
    t.started("a", 2);
    t.released("a");
    assertThat(t.preferredReader("a")).isEqualTo(2);
  }

  @Test
  void shardsWithoutAPositionAfterAPauseNearTheRetentionAreALostPosition() {
    ShardTracker t = applying();
    t.merge(List.of(ROOT, LEFT));
    t.track(new ShardCheckpoint("s-001", null, "500", Status.READING));
    long confirmed = 1_000 * HOUR;
    t.requireFresh(confirmed, confirmed + 22 * HOUR);
    t.requireFresh(0, confirmed + 100 * HOUR);
    assertThatThrownBy(() -> t.requireFresh(confirmed, confirmed + 23 * HOUR))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("table orders")
        .hasMessageContaining("23 h ago")
        .hasMessageContaining("[s-002]");
    t.track(new ShardCheckpoint("s-002", "s-001", "950", Status.READING));
    t.requireFresh(confirmed, confirmed + 30 * HOUR);
  }
}
