package io.nimo.flink.scan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the enumerator checkpoints: each table's segment count (fixed at the job's first start, so a
 * restore can refuse another count) and the splits no reader holds yet. Splits a reader holds are
 * in that reader's state; a failed reader's splits come back through {@code addSplitsBack}.
 *
 * @param segments each table's segment count
 * @param pending splits not assigned yet, in assignment order
 * @param done the split ids of segments read to their end (for progress)
 */
public record ScanEnumeratorState(
    Map<String, Integer> segments, List<ScanSplit> pending, Set<String> done) {

  /**
   * Copies both.
   *
   * @param segments the counts
   * @param pending the unassigned splits
   * @param done the finished segments
   */
  public ScanEnumeratorState {
    segments = Map.copyOf(segments);
    pending = List.copyOf(pending);
    done = Set.copyOf(done);
  }

  /**
   * A state with no segment done yet.
   *
   * @param segments the counts
   * @param pending the unassigned splits
   */
  public ScanEnumeratorState(Map<String, Integer> segments, List<ScanSplit> pending) {
    this(segments, pending, Set.of());
  }
}
