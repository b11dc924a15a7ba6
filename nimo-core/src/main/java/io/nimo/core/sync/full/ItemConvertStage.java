package io.nimo.core.sync.full;

import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.sync.hooks.ItemTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Middle stage of a table's full sync: applies the item transformer (a skipped item is acknowledged
 * at once and counted as filtered; a changed key is an error) and groups items into write batches.
 * A partly filled batch is handed on when no page arrives for a moment, so a slow scan never holds
 * written-but-unacknowledged work back.
 */
final class ItemConvertStage {
  /** Tells a write stage that no more batches come. */
  static final List<WorkItem> END = List.of();

  private static final long POLL_MS = 100;

  private final String table;
  private final KeySchema keys;
  private final ItemTransformer transformer;
  private final SegmentTracker tracker;
  private final TableProgress progress;
  private final int batchSize;
  private final BlockingQueue<ScannedPage> in;
  private final BlockingQueue<List<WorkItem>> out;

  ItemConvertStage(
      String table,
      KeySchema keys,
      ItemTransformer transformer,
      SegmentTracker tracker,
      TableProgress progress,
      int batchSize,
      BlockingQueue<ScannedPage> in,
      BlockingQueue<List<WorkItem>> out) {
    this.table = table;
    this.keys = keys;
    this.transformer = transformer;
    this.tracker = tracker;
    this.progress = progress;
    this.batchSize = batchSize;
    this.in = in;
    this.out = out;
  }

  /** Converts pages until {@link ScannedPage#END}. */
  void run() throws InterruptedException {
    List<WorkItem> buffer = new ArrayList<>(batchSize);
    while (true) {
      ScannedPage e = in.poll(POLL_MS, TimeUnit.MILLISECONDS);
      if (e == null) {
        buffer = flush(buffer);
        continue;
      }
      if (e == ScannedPage.END) {
        break;
      }
      for (Map<String, AttributeValue> item : e.page().items()) {
        Map<String, AttributeValue> converted = transform(item);
        if (converted == null) {
          progress.addFiltered(1);
          tracker.ack(e.ticket(), 1);
          continue;
        }
        buffer.add(new WorkItem(converted, e.ticket()));
        if (buffer.size() >= batchSize) {
          buffer = flush(buffer);
        }
      }
    }
    flush(buffer);
  }

  /** The transformed item, or {@code null} if the transformer skips it. */
  private Map<String, AttributeValue> transform(Map<String, AttributeValue> item) {
    ItemKey key = keys.keyOf(item);
    if (transformer == ItemTransformer.IDENTITY) {
      return item;
    }
    Map<String, AttributeValue> changed = transformer.transform(table, item).orElse(null);
    if (changed != null && !key.equals(keySafe(changed))) {
      throw new IllegalStateException(
          "item transformer changed the key of item {" + key + "} of table " + table);
    }
    return changed;
  }

  private ItemKey keySafe(Map<String, AttributeValue> item) {
    try {
      return keys.keyOf(item);
    } catch (IllegalArgumentException missing) {
      return null;
    }
  }

  private List<WorkItem> flush(List<WorkItem> buffer) throws InterruptedException {
    if (buffer.isEmpty()) {
      return buffer;
    }
    out.put(buffer);
    return new ArrayList<>(batchSize);
  }
}
