package io.nimo.flink.sink;

import io.nimo.core.item.ItemJson;
import io.nimo.core.item.KeySchema;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import io.nimo.flink.item.ItemRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.SinkWriter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Buffers items per table and writes them in batches through nimo-core's {@link Target} — the same
 * conversions, batching, UnprocessedItems re-drive, retries and refusals naming the key as
 * nimo-shake's: scanned images as the full sync writes them, stream changes as the incremental sync
 * applies them. A table's buffer holds one kind at a time (a change after scanned images, or the
 * other way round, first writes what is buffered), so writes keep their arrival order. Everything
 * buffered is written before each checkpoint ({@link #flush}), so a restored job loses nothing;
 * what it writes twice, idempotent upserts make converge.
 */
final class TargetWriter implements SinkWriter<ItemRecord> {
  private final TargetSession targets;
  private final Function<String, KeySchema> keys;
  private final int batchSize;
  private final WriterProgress progress;
  private final AutoCloseable endpoints;
  private final Map<String, Target> open = new HashMap<>();
  private final Map<String, Buffer> buffered = new HashMap<>();

  /** One table's pending writes, all of one kind. */
  private static final class Buffer {
    boolean changes;
    final List<Map<String, AttributeValue>> images = new ArrayList<>();
    final List<ChangeEvent> events = new ArrayList<>();

    int size() {
      return changes ? events.size() : images.size();
    }
  }

  TargetWriter(
      TargetSession targets,
      Function<String, KeySchema> keys,
      int batchSize,
      WriterProgress progress,
      AutoCloseable endpoints) {
    this.targets = targets;
    this.keys = keys;
    this.batchSize = batchSize;
    this.progress = progress;
    this.endpoints = endpoints;
  }

  @Override
  public void write(ItemRecord record, Context context) {
    if (record.kind == ItemRecord.Kind.SCAN_DONE) {
      return; // the ChangeGate's business
    }
    Buffer b = buffered.computeIfAbsent(record.table, t -> new Buffer());
    if (b.size() > 0 && b.changes != record.isChange()) {
      send(record.table, b);
    }
    b.changes = record.isChange();
    Map<String, AttributeValue> attributes = ItemJson.read(record.json);
    if (!record.isChange()) {
      b.images.add(attributes);
    } else {
      var key = keys.apply(record.table).keyOf(attributes);
      b.events.add(
          record.kind == ItemRecord.Kind.REMOVED
              ? new ChangeEvent(ChangeEvent.Kind.REMOVE, key, null, null, false)
              : new ChangeEvent(ChangeEvent.Kind.MODIFY, key, attributes, null, false));
    }
    if (b.size() >= batchSize) {
      send(record.table, b);
    }
  }

  @Override
  public void flush(boolean endOfInput) {
    buffered.forEach(this::send);
    progress.maybeLog();
  }

  private void send(String table, Buffer b) {
    if (b.size() == 0) {
      return;
    }
    Target target = open.computeIfAbsent(table, t -> targets.table(t, keys.apply(t)));
    if (b.changes) {
      WriteResult r = target.apply(new ArrayList<>(b.events));
      progress.applied(table, b.events.size(), r.written());
      b.events.clear();
    } else {
      WriteResult r = target.writeBatch(new ArrayList<>(b.images));
      progress.scanned(table, r.written());
      b.images.clear();
    }
    progress.maybeLog();
  }

  @Override
  public void close() throws Exception {
    endpoints.close();
  }
}
