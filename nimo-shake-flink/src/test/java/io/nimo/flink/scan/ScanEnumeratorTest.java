package io.nimo.flink.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.flink.lag.StreamLag;
import io.nimo.flink.lag.StreamLagBoard;
import io.nimo.flink.metrics.RecordingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;

/** Segments handed out on request, given back on failure, checkpointed, refused on a new count. */
class ScanEnumeratorTest {

  /** Records what the enumerator tells readers; a fake at Flink's enumerator seam. */
  static final class RecordingContext implements SplitEnumeratorContext<ScanSplit> {
    final Map<Integer, List<ScanSplit>> assigned = new LinkedHashMap<>();
    final List<Integer> noMore = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<Runnable> periodic = new ArrayList<>();
    final Map<String, Object> gauges = new LinkedHashMap<>();

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
      return new RecordingMetrics(gauges, "");
    }

    @Override
    public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
      events.add(subtaskId + ": " + event);
    }

    @Override
    public int currentParallelism() {
      return 2;
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
      return Map.of(0, new ReaderInfo(0, "localhost"), 1, new ReaderInfo(1, "localhost"));
    }

    @Override
    public void assignSplits(SplitsAssignment<ScanSplit> assignment) {
      assignment
          .assignment()
          .forEach((k, v) -> assigned.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
      noMore.add(subtask);
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {}

    @Override
    public <T> void callAsync(
        Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
      periodic.add(
          () -> {
            try {
              handler.accept(callable.call(), null);
            } catch (Exception e) {
              handler.accept(null, e);
            }
          });
    }

    void tick() {
      periodic.forEach(Runnable::run);
    }

    @Override
    public void runInCoordinatorThread(Runnable runnable) {
      runnable.run();
    }
  }

  private static ScanPlan plan(boolean explicit) {
    Map<String, Integer> s = new LinkedHashMap<>();
    s.put("orders", 3);
    s.put("users", 2);
    return new ScanPlan(s, explicit);
  }

  @Test
  void handsOutOneSegmentPerRequestThenSaysThereIsNoMore() {
    RecordingContext ctx = new RecordingContext();
    ScanEnumerator e = new ScanEnumerator(ctx, plan(false).initialState());
    for (int i = 0; i < 5; i++) {
      e.handleSplitRequest(i % 2, null);
    }
    assertThat(ctx.assigned.get(0))
        .extracting(ScanSplit::splitId)
        .containsExactly("orders#0/3", "orders#2/3", "users#1/2");
    assertThat(ctx.assigned.get(1))
        .extracting(ScanSplit::splitId)
        .containsExactly("orders#1/3", "users#0/2");
    assertThat(e.snapshotState(1).pending()).isEmpty();
    e.handleSplitRequest(1, null);
    assertThat(ctx.noMore).containsExactly(1);
  }

  @Test
  void aFailedReadersSegmentsGoBackWithTheirPositionAndAreCheckpointed() {
    RecordingContext ctx = new RecordingContext();
    ScanEnumerator e = new ScanEnumerator(ctx, plan(false).initialState());
    e.handleSplitRequest(0, null);
    ScanSplit halfway = ctx.assigned.get(0).get(0).after("{\"id\":{\"S\":\"k9\"}}");
    e.addSplitsBack(List.of(halfway), 0);
    ScanEnumeratorState snapshot = e.snapshotState(7);
    assertThat(snapshot.pending()).hasSize(5).first().isEqualTo(halfway);
    assertThat(snapshot.segments()).containsEntry("orders", 3).containsEntry("users", 2);
    e.handleSplitRequest(1, null);
    assertThat(ctx.assigned.get(1)).containsExactly(halfway);
  }

  @Test
  void aRestoreKeepsDerivedCountsButRefusesAnAskedForChangeOrANewTable() {
    ScanEnumeratorState first = plan(false).initialState();
    Map<String, Integer> more = new LinkedHashMap<>(Map.of("orders", 8, "users", 2));
    new ScanPlan(more, false).requireCompatible(first);
    assertThatThrownBy(() -> new ScanPlan(more, true).requireCompatible(first))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("orders")
        .hasMessageContaining("3")
        .hasMessageContaining("8")
        .hasMessageContaining("full.read.concurrency");
    Map<String, Integer> added = new LinkedHashMap<>(Map.of("orders", 3, "users", 2, "new", 2));
    assertThatThrownBy(() -> new ScanPlan(added, false).requireCompatible(first))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("table new");
  }

  @Test
  void noReaderAsksForMoreThanItsShareOfTheSegmentsSoNoneIsLeftIdle() {
    ScanPlan six = new ScanPlan(Map.of("orders", 6), true);
    assertThat(six.callsPerReader(6, 2)).as("6 segments, 2 readers").isEqualTo(3);
    assertThat(six.callsPerReader(2, 2)).as("the configured number when smaller").isEqualTo(2);
    assertThat(six.callsPerReader(8, 4)).isEqualTo(2);
    assertThat(six.callsPerReader(8, 16)).as("at least one").isEqualTo(1);
    assertThat(plan(false).callsPerReader(8, 2)).as("5 segments of two tables").isEqualTo(3);
  }

  @Test
  void segmentCountsGiveEveryReaderTwoAndGrowWithSize() {
    assertThat(ScanPlan.segmentsFor(0, 8, 1, 8)).isEqualTo(8);
    assertThat(ScanPlan.segmentsFor(0, 8, 2, 8))
        .as("each reader keeps 8 calls in flight")
        .isEqualTo(16);
    assertThat(ScanPlan.segmentsFor(0, 8, 16, 1)).as("at least two per reader").isEqualTo(32);
    assertThat(ScanPlan.segmentsFor(100L << 30, 8, 2, 8)).isEqualTo(51);
  }

  @Test
  void splitsAndStateSurviveTheirSerializers() throws Exception {
    ScanEnumeratorState state = plan(true).initialState();
    List<ScanSplit> pending = new ArrayList<>(state.pending());
    pending.set(1, pending.get(1).after("{\"id\":{\"B\":\"AAEC/w==\"},\"n\":{\"N\":\"1e300\"}}"));
    pending.set(
        2, new ScanSplit("orders", 2, 3, null, "s3://b/AWSDynamoDB/x/manifest-summary.json"));
    ScanEnumeratorState changed = new ScanEnumeratorState(state.segments(), pending);
    ScanEnumeratorStateSerializer s = new ScanEnumeratorStateSerializer();
    assertThat(s.deserialize(s.getVersion(), s.serialize(changed))).isEqualTo(changed);
    ScanSplitSerializer splits = ScanSplitSerializer.INSTANCE;
    for (ScanSplit split : pending) {
      assertThat(splits.deserialize(splits.getVersion(), splits.serialize(split))).isEqualTo(split);
    }
    assertThat(pending.get(2).after("{}").export()).as("a file split keeps its export").isNotNull();
    assertThatThrownBy(() -> splits.deserialize(3, new byte[0])).hasMessageContaining("version 3");
  }

  /** Splits and states an earlier release checkpointed (version 1: Scan segments only). */
  @Test
  void readsTheScanSplitsOfEarlierCheckpoints() throws Exception {
    ScanSplit old = new ScanSplit("orders", 1, 3, "{\"id\":{\"S\":\"a\"}}");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeUTF("orders");
      out.writeInt(1);
      out.writeInt(3);
      out.writeBoolean(true);
      byte[] key = old.lastKeyJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(key.length);
      out.write(key);
    }
    assertThat(ScanSplitSerializer.INSTANCE.deserialize(1, bytes.toByteArray())).isEqualTo(old);
  }

  @Test
  void theScanPausesWhileAStreamIsPastTheLimitAndGoesOnUnderHalfOfIt() {
    String link = "link-" + System.nanoTime();
    RecordingContext ctx = new RecordingContext();
    ScanEnumerator e =
        new ScanEnumerator(
            ctx,
            plan(false).initialState(),
            new StreamLagBrake(link, java.time.Duration.ofHours(6)));
    e.start();
    StreamLagBoard.report(link, 0, 2, Map.of("orders", hours(5)));
    ctx.tick();
    assertThat(ctx.events).isEmpty();

    StreamLagBoard.report(link, 1, 2, Map.of("users", hours(7)));
    ctx.tick();
    assertThat(ctx.events)
        .containsExactlyInAnyOrder(
            "0: ScanPauseEvent[paused=true]", "1: ScanPauseEvent[paused=true]");
    assertThat(
            ((org.apache.flink.metrics.Gauge<?>) ctx.gauges.get("nimoScanPausedForStreamLag"))
                .getValue())
        .isEqualTo(1);
    ctx.events.clear();
    e.addReader(2);
    assertThat(ctx.events)
        .as("a reader joining during the pause")
        .containsExactly("2: ScanPauseEvent[paused=true]");

    ctx.events.clear();
    StreamLagBoard.report(link, 1, 2, Map.of("users", hours(4)));
    ctx.tick();
    assertThat(ctx.events).as("still over half the limit (orders 5 h)").isEmpty();
    StreamLagBoard.report(link, 0, 2, Map.of("orders", hours(1)));
    StreamLagBoard.report(link, 1, 2, Map.of("users", hours(2)));
    ctx.tick();
    assertThat(ctx.events)
        .containsExactlyInAnyOrder(
            "0: ScanPauseEvent[paused=false]", "1: ScanPauseEvent[paused=false]");
  }

  @Test
  void aRescaledStreamSourceDropsTheReportsOfReadersItNoLongerHas() {
    String link = "link-" + System.nanoTime();
    StreamLagBoard.report(link, 3, 4, Map.of("orders", hours(9)));
    StreamLagBoard.report(link, 0, 2, Map.of("orders", hours(1)));
    assertThat(StreamLagBoard.worst(link)).contains(new StreamLag("orders", hours(1)));
  }

  @Test
  void segmentsReadToTheirEndAreCountedPerTableAndKeptInTheCheckpoint() throws Exception {
    RecordingContext ctx = new RecordingContext();
    ScanEnumerator e = new ScanEnumerator(ctx, plan(false).initialState());
    e.start();
    e.handleSourceEvent(0, new SegmentsDoneEvent(List.of("orders#0/3", "users#1/2")));
    e.handleSourceEvent(1, new SegmentsDoneEvent(List.of("orders#2/3", "orders#0/3")));
    assertThat(gauge(ctx, "table.orders.nimoScanSegmentsDone")).isEqualTo(2L);
    assertThat(gauge(ctx, "table.orders.nimoScanSegmentsTotal")).isEqualTo(3);
    assertThat(gauge(ctx, "table.users.nimoScanSegmentsDone")).isEqualTo(1L);
    e.addSplitsBack(List.of(new ScanSplit("orders", 2, 3, "{}")), 1);
    ScanEnumeratorState state = e.snapshotState(3);
    assertThat(state.done()).containsExactlyInAnyOrder("orders#0/3", "users#1/2");

    ScanEnumeratorStateSerializer serializer = new ScanEnumeratorStateSerializer();
    ScanEnumeratorState restored =
        serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
    assertThat(restored).isEqualTo(state);
    RecordingContext again = new RecordingContext();
    new ScanEnumerator(again, restored).start();
    assertThat(gauge(again, "table.orders.nimoScanSegmentsDone")).isEqualTo(1L);
  }

  private static Object gauge(RecordingContext ctx, String name) {
    return ((org.apache.flink.metrics.Gauge<?>) ctx.gauges.get(name)).getValue();
  }

  private static long hours(int h) {
    return java.time.Duration.ofHours(h).toMillis();
  }
}
