package io.nimo.flink.scan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands Scan segments to readers one at a time as they ask, so a reader that finishes small
 * segments takes more while another works through a large one (skewed tables balance themselves).
 * Once nothing is pending a reader that asks is told there is no more. Counts the segments read to
 * their end per table ({@link SegmentTally}) and, in a job that follows the streams too, pauses the
 * readers while a stream falls too far behind ({@link StreamLagBrake}).
 */
final class ScanEnumerator implements SplitEnumerator<ScanSplit, ScanEnumeratorState> {
  private static final Logger LOG = LoggerFactory.getLogger(ScanEnumerator.class);
  private static final long BRAKE_CHECK_MILLIS = 1000;

  private final SplitEnumeratorContext<ScanSplit> context;
  private final Map<String, Integer> segments;
  private final Deque<ScanSplit> pending;
  private final SegmentTally tally;
  private final StreamLagBrake brake;

  ScanEnumerator(SplitEnumeratorContext<ScanSplit> context, ScanEnumeratorState state) {
    this(context, state, null);
  }

  /**
   * An enumerator that pauses the readers when the brake says so.
   *
   * @param brake the stream lag brake, or {@code null} without a stream in the job
   */
  ScanEnumerator(
      SplitEnumeratorContext<ScanSplit> context, ScanEnumeratorState state, StreamLagBrake brake) {
    this.context = context;
    this.segments = state.segments();
    this.pending = new ArrayDeque<>(state.pending());
    this.tally = new SegmentTally(segments, state.done());
    this.brake = brake;
  }

  @Override
  public void start() {
    tally.register(context.metricGroup());
    if (brake != null) {
      context.metricGroup().gauge("nimoScanPausedForStreamLag", () -> brake.paused() ? 1 : 0);
      context.callAsync(
          brake::check,
          (change, error) -> {
            if (error != null) {
              LOG.warn("[stage=full-flink] cannot read the streams' lag: {}", error.toString());
            } else {
              change.ifPresent(
                  paused ->
                      context
                          .registeredReaders()
                          .keySet()
                          .forEach(
                              r -> context.sendEventToSourceReader(r, new ScanPauseEvent(paused))));
            }
          },
          BRAKE_CHECK_MILLIS,
          BRAKE_CHECK_MILLIS);
    }
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
    tally.undone(splits.stream().map(ScanSplit::splitId).toList());
  }

  @Override
  public void addReader(int subtask) {
    // readers ask for splits themselves; one that joins during a pause holds back too
    if (brake != null && brake.paused()) {
      context.sendEventToSourceReader(subtask, new ScanPauseEvent(true));
    }
  }

  @Override
  public void handleSourceEvent(int subtask, SourceEvent event) {
    if (event instanceof SegmentsDoneEvent done) {
      tally.done(done.splitIds());
    }
  }

  @Override
  public ScanEnumeratorState snapshotState(long checkpointId) {
    return new ScanEnumeratorState(segments, List.copyOf(pending), tally.done());
  }

  @Override
  public void close() {}
}
