package io.nimo.flink.scan;

import io.nimo.core.item.ItemJson;
import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ScanPage;
import io.nimo.core.source.TableScanner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the splits assigned to one reader, one Scan page per fetch (so checkpoints and cancellation
 * come between pages), through nimo-core's {@link TableScanner}: the same paced, retried Scan call
 * as nimo-shake's.
 */
final class ScanSplitReader implements SplitReader<ScanElement, ScanSplit> {
  private final TableScanner scanner;
  private final Function<String, KeySchema> keys;
  private final AutoCloseable endpoints;
  private final Deque<ScanSplit> splits = new ArrayDeque<>();
  private final Map<String, Map<String, AttributeValue>> positions = new HashMap<>();

  ScanSplitReader(TableScanner scanner, Function<String, KeySchema> keys, AutoCloseable endpoints) {
    this.scanner = scanner;
    this.keys = keys;
    this.endpoints = endpoints;
  }

  @Override
  public RecordsWithSplitIds<ScanElement> fetch() throws java.io.IOException {
    RecordsBySplits.Builder<ScanElement> out = new RecordsBySplits.Builder<>();
    ScanSplit split = splits.peek();
    if (split == null) {
      return out.build();
    }
    String id = split.splitId();
    ScanPage page;
    try {
      page = scanner.page(split.table(), split.segment(), split.totalSegments(), positions.get(id));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Scan of " + id + " interrupted");
    }
    KeySchema schema = keys.apply(split.table());
    for (Map<String, AttributeValue> item : page.items()) {
      out.add(
          id,
          new ScanElement(
              id, split.table(), schema.keyOf(item).toString(), ItemJson.write(item), null));
    }
    Map<String, AttributeValue> next = page.lastEvaluatedKey();
    out.add(
        id,
        new ScanElement(id, split.table(), null, null, next == null ? null : ItemJson.write(next)));
    if (next == null) {
      out.addFinishedSplit(id);
      splits.poll();
      positions.remove(id);
    } else {
      positions.put(id, next);
    }
    return out.build();
  }

  @Override
  public void handleSplitsChanges(SplitsChange<ScanSplit> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unexpected split change " + change);
    }
    for (ScanSplit s : change.splits()) {
      splits.add(s);
      if (s.lastKeyJson() != null) {
        positions.put(s.splitId(), ItemJson.read(s.lastKeyJson()));
      }
    }
  }

  @Override
  public void wakeUp() {
    // a fetch is one Scan call, bounded by the SDK's call timeout
  }

  @Override
  public void close() throws Exception {
    endpoints.close();
  }
}
