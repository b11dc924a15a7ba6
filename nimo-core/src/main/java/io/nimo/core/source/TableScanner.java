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
public final class TableScanner implements SegmentReader {
  private final DynamoApi api;
  private final Retrier retrier;
  private final QpsLimiter limiter;
  private final ScanSettings settings;

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
   * @param totalSegments the number of segments
   * @param startKey the last key already read, or {@code null}
   * @param sink receives the pages
   * @param stopped turns true to stop
   * @throws InterruptedException if interrupted
   */
  @Override
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
      ScanPage page = page(table, segment, totalSegments, next);
      next = page.lastEvaluatedKey();
      sink.accept(page);
    } while (next != null && !stopped.getAsBoolean());
  }

  /**
   * One Scan page of a segment: paced by the limiter, retried by the retrier. A reader that
   * checkpoints between pages (the Flink Scan source) calls this directly.
   *
   * @param totalSegments the number of segments
   * @param startKey the last key already read, or {@code null} from the segment's start
   * @return the page; its {@code lastEvaluatedKey} is {@code null} when the segment is done
   * @throws InterruptedException if interrupted while waiting for the limiter
   */
  public ScanPage page(
      String table, int segment, int totalSegments, Map<String, AttributeValue> startKey)
      throws InterruptedException {
    limiter.acquire();
    ScanCall call =
        new ScanCall(
            table,
            segment,
            totalSegments,
            settings.pageLimit(),
            startKey,
            false,
            settings.filterExpression(),
            settings.filterValues(),
            false);
    ScanResult r = retrier.call("Scan " + table + " segment " + segment, () -> api.scan(call));
    return new ScanPage(segment, r.items(), r.lastKey(), r.scannedCount());
  }
}
