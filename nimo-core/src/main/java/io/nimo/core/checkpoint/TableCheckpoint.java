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
 * @param origin what the segments are: {@code scan} (parallel-Scan segments; also what a checkpoint
 *     of an earlier release means), or {@code export <summary URI>...} (an export's data files,
 *     then the bridging incremental exports' files)
 */
public record TableCheckpoint(
    String table,
    boolean prepared,
    int totalSegments,
    Map<Integer, SegmentCheckpoint> segments,
    boolean done,
    String origin) {

  /** What a checkpoint without an origin (parallel-Scan segments) has. */
  public static final String SCAN = "scan";

  /**
   * A checkpoint of parallel-Scan segments.
   *
   * @param table table name
   * @param prepared whether the target table was prepared
   * @param totalSegments the parallel-Scan TotalSegments
   * @param segments per-segment progress
   * @param done whether it is finished
   */
  public TableCheckpoint(
      String table,
      boolean prepared,
      int totalSegments,
      Map<Integer, SegmentCheckpoint> segments,
      boolean done) {
    this(table, prepared, totalSegments, segments, done, SCAN);
  }

  /**
   * Copies the segment map (sorted by segment).
   *
   * @param prepared whether the target table was prepared
   * @param totalSegments the parallel-Scan TotalSegments
   * @param done whether it is finished
   */
  public TableCheckpoint {
    segments = java.util.Collections.unmodifiableMap(new TreeMap<>(segments));
    origin = origin == null || origin.isBlank() ? SCAN : origin;
  }

  /**
   * A freshly prepared table: every segment at its start.
   *
   * @param totalSegments the parallel-Scan TotalSegments
   */
  public static TableCheckpoint prepared(String table, int totalSegments) {
    return prepared(table, totalSegments, SCAN);
  }

  /**
   * A freshly prepared table whose segments are of the given origin.
   *
   * @param totalSegments how many segments
   * @param origin what they are
   */
  public static TableCheckpoint prepared(String table, int totalSegments, String origin) {
    Map<Integer, SegmentCheckpoint> s = new TreeMap<>();
    for (int i = 0; i < totalSegments; i++) {
      s.put(i, SegmentCheckpoint.start(i));
    }
    return new TableCheckpoint(table, true, totalSegments, s, false, origin);
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
    return new TableCheckpoint(table, prepared, totalSegments, s, done, origin);
  }

  TableCheckpoint completed() {
    return new TableCheckpoint(table, prepared, totalSegments, segments, true, origin);
  }
}
