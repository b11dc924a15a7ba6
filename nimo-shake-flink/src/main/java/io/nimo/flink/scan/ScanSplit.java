package io.nimo.flink.scan;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One parallel-Scan segment of one table, with where its reading stands: the {@code
 * LastEvaluatedKey} of the last page the reader emitted, as DynamoDB JSON ({@code null} from the
 * segment's start). Immutable; the reader's mutable copy is {@link ScanSplitState}.
 *
 * @param table the table
 * @param segment the segment number
 * @param totalSegments the table's segment count, fixed at the job's first start
 * @param lastKeyJson resume after this key, or {@code null}
 */
public record ScanSplit(String table, int segment, int totalSegments, String lastKeyJson)
    implements SourceSplit {

  @Override
  public String splitId() {
    return table + "#" + segment + "/" + totalSegments;
  }

  /**
   * The same segment resumed after another key.
   *
   * @param lastKey the key as DynamoDB JSON, or {@code null}
   * @return the split
   */
  public ScanSplit after(String lastKey) {
    return new ScanSplit(table, segment, totalSegments, lastKey);
  }
}
