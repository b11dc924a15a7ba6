package io.nimo.flink.sink;

import io.nimo.core.item.ItemJson;
import io.nimo.core.item.KeySchema;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.sink.WriteResult;
import io.nimo.flink.ItemRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Buffers items per table and writes them in batches through nimo-core's {@link Target} — the same
 * conversions, batching, UnprocessedItems re-drive, retries and refusals naming the key as
 * nimo-shake's. Everything buffered is written before each checkpoint ({@link #flush}), so a
 * restored job loses nothing; what it writes twice, idempotent upserts make converge.
 */
final class TargetWriter implements SinkWriter<ItemRecord> {
  private final TargetSession targets;
  private final Function<String, KeySchema> keys;
  private final int batchSize;
  private final Counter written;
  private final AutoCloseable endpoints;
  private final Map<String, Target> open = new HashMap<>();
  private final Map<String, List<Map<String, AttributeValue>>> buffered = new HashMap<>();

  TargetWriter(
      TargetSession targets,
      Function<String, KeySchema> keys,
      int batchSize,
      Counter written,
      AutoCloseable endpoints) {
    this.targets = targets;
    this.keys = keys;
    this.batchSize = batchSize;
    this.written = written;
    this.endpoints = endpoints;
  }

  @Override
  public void write(ItemRecord record, Context context) {
    List<Map<String, AttributeValue>> batch =
        buffered.computeIfAbsent(record.table, t -> new ArrayList<>(batchSize));
    batch.add(ItemJson.read(record.json));
    if (batch.size() >= batchSize) {
      send(record.table, batch);
    }
  }

  @Override
  public void flush(boolean endOfInput) {
    buffered.forEach(this::send);
  }

  private void send(String table, List<Map<String, AttributeValue>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Target target = open.computeIfAbsent(table, t -> targets.table(t, keys.apply(t)));
    WriteResult r = target.writeBatch(new ArrayList<>(batch));
    written.inc(r.written());
    batch.clear();
  }

  @Override
  public void close() throws Exception {
    endpoints.close();
  }
}
