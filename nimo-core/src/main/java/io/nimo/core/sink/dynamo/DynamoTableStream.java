package io.nimo.core.sink.dynamo;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.dynamo.ScanCall;
import io.nimo.core.dynamo.ScanResult;
import io.nimo.core.retry.Retrier;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A lazy, page-by-page sequential Scan of one table as a Stream. */
final class DynamoTableStream {
  private final DynamoApi api;
  private final Retrier retrier;
  private final String table;

  DynamoTableStream(DynamoApi api, Retrier retrier, String table) {
    this.api = api;
    this.retrier = retrier;
    this.table = table;
  }

  Stream<Map<String, AttributeValue>> stream() {
    Iterator<Map<String, AttributeValue>> it =
        new Iterator<>() {
          private Iterator<Map<String, AttributeValue>> page =
              List.<Map<String, AttributeValue>>of().iterator();
          private Map<String, AttributeValue> next;
          private boolean started;

          @Override
          public boolean hasNext() {
            while (!page.hasNext() && (!started || next != null)) {
              started = true;
              ScanCall call = ScanCall.consistent(table, next);
              ScanResult r = retrier.call("Scan " + table, () -> api.scan(call));
              page = r.items().iterator();
              next = r.lastKey();
            }
            return page.hasNext();
          }

          @Override
          public Map<String, AttributeValue> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
