package io.nimo.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.source.stream.StreamPositionLostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;

/** Discovery on the worker thread, a split's children after its finish event, a lost shard. */
class ShardEnumeratorTest {

  /** Runs the periodic discovery when the test says; a fake at Flink's enumerator seam. */
  static final class Context implements SplitEnumeratorContext<ShardSplit> {
    final Map<Integer, List<ShardSplit>> assigned = new LinkedHashMap<>();
    final List<SourceEvent> sent = new ArrayList<>();
    Callable<Object> discovery;
    BiConsumer<Object, Throwable> handler;

    @SuppressWarnings("unchecked")
    void discover() {
      Object result;
      try {
        result = discovery.call();
      } catch (Exception e) {
        handler.accept(null, e);
        return;
      }
      handler.accept(result, null);
    }

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
      sent.add(event);
    }

    @Override
    public int currentParallelism() {
      return 2;
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
      return Map.of(0, new ReaderInfo(0, "h"), 1, new ReaderInfo(1, "h"));
    }

    @Override
    public void assignSplits(SplitsAssignment<ShardSplit> assignment) {
      assignment
          .assignment()
          .forEach((k, v) -> assigned.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }

    @Override
    public void signalNoMoreSplits(int subtask) {}

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {}

    @Override
    @SuppressWarnings("unchecked")
    public <T> void callAsync(
        Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
      this.discovery = (Callable<Object>) callable;
      this.handler = (BiConsumer<Object, Throwable>) handler;
    }

    @Override
    public void runInCoordinatorThread(Runnable runnable) {
      runnable.run();
    }
  }

  private final List<ShardInfo> listing = new CopyOnWriteArrayList<>();
  private final Context ctx = new Context();
  private final MutableClock clock = new MutableClock(1_000_000_000L);

  /** A clock the test moves. */
  static final class MutableClock extends java.time.Clock {
    long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return java.time.Instant.ofEpochMilli(millis);
    }
  }

  private ShardEnumerator enumerator() {
    StreamPlan plan =
        new StreamPlan(
            Map.of("orders", "arn:1"),
            List.of(new StreamPlan.Position("orders", "p", null, false, "7", true)),
            clock.millis());
    ShardEnumerator e =
        new ShardEnumerator(
            ctx, plan.initialState(), (t, arn) -> List.copyOf(listing), 1000, clock, () -> {});
    e.start();
    return e;
  }

  @Test
  void childrenFollowTheirParentToItsReaderOnceItReportsTheParentDone() {
    listing.add(new ShardInfo("p", null, "99"));
    listing.add(new ShardInfo("c", "p", null));
    ShardEnumerator e = enumerator();
    ctx.discover();
    int owner = ctx.assigned.keySet().iterator().next();
    assertThat(ctx.assigned.get(owner)).extracting(ShardSplit::shardId).containsExactly("p");
    assertThat(ctx.assigned.get(owner).get(0).inclusive()).isTrue();

    e.handleSourceEvent(owner, new ShardsFinishedEvent(List.of("orders/p")));
    assertThat(ctx.assigned.get(owner)).extracting(ShardSplit::shardId).containsExactly("p", "c");
    assertThat(ctx.sent).containsExactly(new FinishedAckEvent(List.of("orders/p")));
    // a restored reader reporting it again changes nothing
    e.handleSourceEvent(owner, new ShardsFinishedEvent(List.of("orders/p")));
    assertThat(ctx.assigned.values().stream().mapToInt(List::size).sum()).isEqualTo(2);
  }

  @Test
  void aShardThatLeftTheStreamBeforeItWasReadStopsTheJobWithoutRestarts() {
    listing.add(new ShardInfo("p", null, "99"));
    listing.add(new ShardInfo("c", "p", null));
    enumerator();
    ctx.discover();
    listing.clear();
    listing.add(new ShardInfo("n", null, null));
    assertThatThrownBy(ctx::discover)
        .isInstanceOf(SuppressRestartsException.class)
        .hasCauseInstanceOf(StreamPositionLostException.class)
        .hasStackTraceContaining("shard c left the stream");
  }

  @Test
  void aFailedListingFailsTheJobNamingWhatFailed() {
    ShardEnumerator e =
        new ShardEnumerator(
            ctx,
            new StreamPlan(Map.of("orders", "arn:1"), List.of(), clock.millis()).initialState(),
            (t, arn) -> {
              throw new IllegalStateException("endpoint down");
            },
            1000,
            clock,
            () -> {});
    e.start();
    assertThatThrownBy(ctx::discover).hasMessageContaining("listing the streams' shards failed");
  }

  @Test
  void aChildGoesToTheReaderThatFinishedItsParentAfterARescaleNotToItsFirstOwner() {
    ShardEnumeratorState restored =
        new ShardEnumeratorState(
            Map.of("orders", "arn:1"),
            Map.of("orders", clock.millis()),
            List.of(
                new TrackedShard(
                    "orders",
                    new ShardCheckpoint("p", null, "7", ShardCheckpoint.Status.READING),
                    3),
                new TrackedShard(
                    "orders",
                    new ShardCheckpoint("c", "p", null, ShardCheckpoint.Status.PENDING),
                    -1)));
    listing.add(new ShardInfo("p", null, "99"));
    listing.add(new ShardInfo("c", "p", null));
    ShardEnumerator e =
        new ShardEnumerator(ctx, restored, (t, arn) -> List.copyOf(listing), 1000, clock, () -> {});
    e.start();
    ctx.discover();
    assertThat(ctx.assigned).as("p is held by a restored reader, c waits for it").isEmpty();

    e.handleSourceEvent(1, new ShardsFinishedEvent(List.of("orders/p")));

    assertThat(ctx.assigned).containsOnlyKeys(1);
    assertThat(ctx.assigned.get(1)).extracting(ShardSplit::shardId).containsExactly("c");
  }

  @Test
  void aRestoreAfterAPauseNearTheRetentionRefusesShardsWithoutAPosition() {
    ShardEnumeratorState restored =
        new ShardEnumeratorState(
            Map.of("orders", "arn:1"),
            Map.of("orders", clock.millis()),
            List.of(
                new TrackedShard(
                    "orders",
                    new ShardCheckpoint("n", null, null, ShardCheckpoint.Status.PENDING),
                    -1)));
    clock.millis += java.time.Duration.ofHours(25).toMillis();
    ShardEnumerator e =
        new ShardEnumerator(ctx, restored, (t, arn) -> List.copyOf(listing), 1000, clock, () -> {});
    assertThatThrownBy(e::start)
        .isInstanceOf(SuppressRestartsException.class)
        .hasCauseInstanceOf(StreamPositionLostException.class)
        .hasStackTraceContaining("last followed 25 h ago")
        .hasStackTraceContaining("[n]");
  }

  @Test
  void lagReportsOfTheReadersArePostedForTheScanUnderTheJobsLink() throws Exception {
    String link = "link-" + System.nanoTime();
    ShardEnumerator e =
        new ShardEnumerator(
            ctx,
            new ShardEnumeratorState(Map.of(), Map.of(), List.of()),
            (t, arn) -> List.copyOf(listing),
            1000,
            clock,
            () -> {},
            link);
    e.handleSourceEvent(1, new LagReportEvent(Map.of("orders", 42_000L)));
    assertThat(io.nimo.flink.lag.StreamLagBoard.worst(link))
        .contains(new io.nimo.flink.lag.StreamLag("orders", 42_000L));
    e.close();
    assertThat(io.nimo.flink.lag.StreamLagBoard.worst(link)).as("forgotten on close").isEmpty();
  }
}
