package io.nimo.flink.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void sendEventToSourceReader(int subtaskId, SourceEvent event) {}

    @Override
    public int currentParallelism() {
      return 2;
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
      return Map.of();
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
        Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {}

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
    ScanEnumeratorState changed = new ScanEnumeratorState(state.segments(), pending);
    ScanEnumeratorStateSerializer s = new ScanEnumeratorStateSerializer();
    assertThat(s.deserialize(1, s.serialize(changed))).isEqualTo(changed);
    ScanSplitSerializer splits = ScanSplitSerializer.INSTANCE;
    assertThat(splits.deserialize(1, splits.serialize(pending.get(1)))).isEqualTo(pending.get(1));
    assertThat(splits.deserialize(1, splits.serialize(pending.get(0)))).isEqualTo(pending.get(0));
    assertThatThrownBy(() -> splits.deserialize(2, new byte[0])).hasMessageContaining("version 2");
  }
}
