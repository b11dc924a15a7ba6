package io.nimo.flink.scan;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One segment of one table's bulk copy, with where its reading stands: a parallel-Scan segment and
 * the {@code LastEvaluatedKey} of the last page the reader emitted, as DynamoDB JSON, or one data
 * file of an export and the records read from it ({@code null} from the segment's start). The
 * export a split reads travels with it, so a restored job reads the export it started with.
 * Immutable; the reader's mutable copy is {@link ScanSplitState}.
 *
 * @param table the table
 * @param segment the segment number
 * @param totalSegments the table's segment count, fixed at the job's first start
 * @param lastKeyJson resume after this key, or {@code null}
 * @param export the {@code manifest-summary.json} URI of the export whose data file this is, or
 *     {@code null} for a Scan segment
 * @param version 0 for a Scan segment or a full export's file; from 1, the place of the incremental
 *     export (a bridge window) whose file this is, and {@code segment} and {@code totalSegments}
 *     count that export's files
 */
public record ScanSplit(
    String table, int segment, int totalSegments, String lastKeyJson, String export, int version)
    implements SourceSplit {

  /** A Scan segment. */
  public ScanSplit(String table, int segment, int totalSegments, String lastKeyJson) {
    this(table, segment, totalSegments, lastKeyJson, null, 0);
  }

  /** A Scan segment, or a full export's data file. */
  public ScanSplit(
      String table, int segment, int totalSegments, String lastKeyJson, String export) {
    this(table, segment, totalSegments, lastKeyJson, export, 0);
  }

  @Override
  public String splitId() {
    return table
        + "#"
        + (version > 0 ? "bridge" + version + ":" : "")
        + segment
        + "/"
        + totalSegments;
  }

  /**
   * The same segment resumed after another key.
   *
   * @param lastKey the key as DynamoDB JSON, or {@code null}
   * @return the split
   */
  public ScanSplit after(String lastKey) {
    return new ScanSplit(table, segment, totalSegments, lastKey, export, version);
  }
}
