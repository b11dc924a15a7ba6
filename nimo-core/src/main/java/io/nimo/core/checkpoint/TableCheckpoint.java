package io.nimo.core.checkpoint;

import java.util.Map;
import java.util.TreeMap;

/**
 * Durable full-sync progress of one table.
 *
 * @param table table name
 * @param prepared whether the target table was created (a resume does not drop it again)
 * @param totalSegments the parallel-Scan TotalSegments the progress refers to
 * @param segments per-segment progress by segment number
 * @param done whether every segment is written
 */
public record TableCheckpoint(
    String table,
    boolean prepared,
    int totalSegments,
    Map<Integer, SegmentCheckpoint> segments,
    boolean done) {

  /**
   * Copies the segment map (sorted by segment).
   *
   * @param prepared whether the target table was prepared
   * @param totalSegments the parallel-Scan TotalSegments
   * @param done whether it is finished
   */
  public TableCheckpoint {
    segments = java.util.Collections.unmodifiableMap(new TreeMap<>(segments));
  }

  /**
   * A freshly prepared table: every segment at its start.
   *
   * @param totalSegments the parallel-Scan TotalSegments
   */
  public static TableCheckpoint prepared(String table, int totalSegments) {
    Map<Integer, SegmentCheckpoint> s = new TreeMap<>();
    for (int i = 0; i < totalSegments; i++) {
      s.put(i, SegmentCheckpoint.start(i));
    }
    return new TableCheckpoint(table, true, totalSegments, s, false);
  }

  /**
   * The progress of segment {@code i} (its start if not recorded).
   *
   * @param i the segment number
   */
  public SegmentCheckpoint segment(int i) {
    return segments.getOrDefault(i, SegmentCheckpoint.start(i));
  }

  /** Items written over all segments. */
  public long itemsWritten() {
    return segments.values().stream().mapToLong(SegmentCheckpoint::itemsWritten).sum();
  }

  TableCheckpoint withSegments(Iterable<SegmentCheckpoint> updates) {
    Map<Integer, SegmentCheckpoint> s = new TreeMap<>(segments);
    updates.forEach(u -> s.put(u.segment(), u));
    return new TableCheckpoint(table, prepared, totalSegments, s, done);
  }

  TableCheckpoint completed() {
    return new TableCheckpoint(table, prepared, totalSegments, segments, true);
  }
}
