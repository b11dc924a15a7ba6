package io.nimo.flink.scan;

import java.util.List;
import java.util.Map;

/**
 * What the enumerator checkpoints: each table's segment count (fixed at the job's first start, so a
 * restore can refuse another count) and the splits no reader holds yet. Splits a reader holds are
 * in that reader's state; a failed reader's splits come back through {@code addSplitsBack}.
 *
 * @param segments each table's segment count
 * @param pending splits not assigned yet, in assignment order
 */
public record ScanEnumeratorState(Map<String, Integer> segments, List<ScanSplit> pending) {

  /**
   * Copies both.
   *
   * @param segments the counts
   * @param pending the unassigned splits
   */
  public ScanEnumeratorState {
    segments = Map.copyOf(segments);
    pending = List.copyOf(pending);
  }
}
