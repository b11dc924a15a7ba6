package io.nimo.flink.scan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands Scan segments to readers one at a time as they ask, so a reader that finishes small
 * segments takes more while another works through a large one (skewed tables balance themselves).
 * Once nothing is pending a reader that asks is told there is no more.
 */
final class ScanEnumerator implements SplitEnumerator<ScanSplit, ScanEnumeratorState> {
  private static final Logger LOG = LoggerFactory.getLogger(ScanEnumerator.class);

  private final SplitEnumeratorContext<ScanSplit> context;
  private final Map<String, Integer> segments;
  private final Deque<ScanSplit> pending;

  ScanEnumerator(SplitEnumeratorContext<ScanSplit> context, ScanEnumeratorState state) {
    this.context = context;
    this.segments = state.segments();
    this.pending = new ArrayDeque<>(state.pending());
  }

  @Override
  public void start() {
    LOG.info(
        "[stage=full-flink] {} segment(s) of {} table(s) to scan: {}",
        pending.size(),
        segments.size(),
        segments);
  }

  @Override
  public void handleSplitRequest(int subtask, String host) {
    ScanSplit next = pending.poll();
    if (next == null) {
      context.signalNoMoreSplits(subtask);
      return;
    }
    LOG.info(
        "[stage=full-flink, table={}] segment {}/{} to reader {}{}",
        next.table(),
        next.segment(),
        next.totalSegments(),
        subtask,
        next.lastKeyJson() == null ? "" : " (resumed after its last key)");
    context.assignSplit(next, subtask);
  }

  @Override
  public void addSplitsBack(List<ScanSplit> splits, int subtask) {
    LOG.info(
        "[stage=full-flink] {} segment(s) of failed reader {} back in the queue",
        splits.size(),
        subtask);
    splits.forEach(pending::addFirst);
  }

  @Override
  public void addReader(int subtask) {
    // readers ask for splits themselves
  }

  @Override
  public ScanEnumeratorState snapshotState(long checkpointId) {
    return new ScanEnumeratorState(segments, List.copyOf(pending));
  }

  @Override
  public void close() {}
}
