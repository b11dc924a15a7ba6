package io.nimo.core.sink.dynamo;

import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.dynamo.ScanCall;
import io.nimo.core.dynamo.ScanResult;
import io.nimo.core.retry.Retrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counts a table's items with consistent {@code Select = COUNT} Scans, one segment per thread: the
 * server reads every item (same capacity as a Scan) but sends none back.
 */
final class DynamoTableCounter {
  private final DynamoApi api;
  private final Retrier retrier;
  private final String table;

  DynamoTableCounter(DynamoApi api, Retrier retrier, String table) {
    this.api = api;
    this.retrier = retrier;
    this.table = table;
  }

  long count(int parallelism) {
    int segments = Math.max(1, parallelism);
    ExecutorService pool =
        Executors.newFixedThreadPool(segments, new NamedThreadFactory("nimo-count-" + table));
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int s = 0; s < segments; s++) {
        int segment = s;
        parts.add(pool.submit(() -> countSegment(segment, segments)));
      }
      long total = 0;
      for (Future<Long> f : parts) {
        total += f.get();
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting table " + table, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "counting table " + table + " failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private long countSegment(int segment, int segments) {
    long n = 0;
    Map<String, AttributeValue> next = null;
    do {
      ScanCall call = ScanCall.count(table, segment, segments, next);
      ScanResult r =
          retrier.call("Scan (count) " + table + " segment " + segment, () -> api.scan(call));
      n += r.scannedCount();
      next = r.lastKey();
    } while (next != null);
    return n;
  }
}
