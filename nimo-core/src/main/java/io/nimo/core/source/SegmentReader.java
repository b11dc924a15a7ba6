package io.nimo.core.source;

import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads one segment of a table's bulk copy in pages, from a position on: a parallel-Scan segment
 * ({@link TableScanner}, positions are LastEvaluatedKeys) or an export's data file ({@code
 * io.nimo.core.source.export.ExportSegments}, positions are record offsets). The full sync's
 * pipeline, checkpoints and resume are the same for both.
 */
public interface SegmentReader {

  /** Receives pages in segment order; may block. */
  @FunctionalInterface
  interface PageSink {
    /**
     * Takes one page.
     *
     * @throws InterruptedException if interrupted while blocked
     */
    void accept(ScanPage page) throws InterruptedException;
  }

  /**
   * Reads segment {@code segment} of {@code totalSegments} after {@code startKey} ({@code null} =
   * from its start) until the segment ends or {@code stopped} turns true; the last page's {@code
   * lastEvaluatedKey} is {@code null}.
   *
   * @param startKey the position of the last page already written, or {@code null}
   * @param sink receives the pages
   * @param stopped turns true to stop
   * @throws InterruptedException if interrupted
   */
  void scanSegment(
      String table,
      int segment,
      int totalSegments,
      Map<String, AttributeValue> startKey,
      PageSink sink,
      BooleanSupplier stopped)
      throws InterruptedException;
}
