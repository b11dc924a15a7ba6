package io.nimo.core.source;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.dynamo.ScanCall;
import io.nimo.core.dynamo.ScanResult;
import io.nimo.core.retry.Retrier;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Parallel-Scan reader of one table segment. Each page is paced by the table's shared {@link
 * QpsLimiter}, retried through the source {@link Retrier}, and handed to a sink that may block
 * (back-pressure). Called from one fetcher thread per segment.
 */
public final class TableScanner {
  private final DynamoApi api;
  private final Retrier retrier;
  private final QpsLimiter limiter;
  private final ScanSettings settings;

  /** Receives pages in segment order; may block. */
  @FunctionalInterface
  public interface PageSink {
    /**
     * Takes one page.
     *
     * @param page the page
     * @throws InterruptedException if interrupted while blocked
     */
    void accept(ScanPage page) throws InterruptedException;
  }

  /**
   * A scanner over a source.
   *
   * @param api the source
   * @param retrier retries Scan calls
   * @param limiter paces Scan calls
   * @param settings page size and filter
   */
  public TableScanner(DynamoApi api, Retrier retrier, QpsLimiter limiter, ScanSettings settings) {
    this.api = api;
    this.retrier = retrier;
    this.limiter = limiter;
    this.settings = settings;
  }

  /**
   * Scans segment {@code segment} of {@code totalSegments} starting after {@code startKey} ({@code
   * null} = from the beginning) until the segment ends or {@code stopped} turns true.
   *
   * @param table the table
   * @param segment the segment
   * @param totalSegments the number of segments
   * @param startKey the last key already read, or {@code null}
   * @param sink receives the pages
   * @param stopped turns true to stop
   * @throws InterruptedException if interrupted
   */
  public void scanSegment(
      String table,
      int segment,
      int totalSegments,
      Map<String, AttributeValue> startKey,
      PageSink sink,
      BooleanSupplier stopped)
      throws InterruptedException {
    Map<String, AttributeValue> next = startKey;
    do {
      limiter.acquire();
      ScanCall call =
          new ScanCall(
              table,
              segment,
              totalSegments,
              settings.pageLimit(),
              next,
              false,
              settings.filterExpression(),
              settings.filterValues());
      ScanResult r = retrier.call("Scan " + table + " segment " + segment, () -> api.scan(call));
      next = r.lastKey();
      sink.accept(new ScanPage(segment, r.items(), next, r.scannedCount()));
    } while (next != null && !stopped.getAsBoolean());
  }
}
