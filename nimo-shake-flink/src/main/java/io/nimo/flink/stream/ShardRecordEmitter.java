package io.nimo.flink.stream;

import io.nimo.flink.item.ItemRecord;
import io.nimo.flink.metrics.TableCounter;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Emits a change (counted per table as {@code nimoChangesRead}) and moves its shard's position past
 * it; a note of an empty page only moves the shard's "last followed" time.
 */
final class ShardRecordEmitter implements RecordEmitter<ShardElement, ItemRecord, ShardSplitState> {
  private final TableCounter read;

  ShardRecordEmitter(MetricGroup metrics) {
    this.read = new TableCounter(metrics, "nimoChangesRead");
  }

  @Override
  public void emitRecord(ShardElement e, SourceOutput<ItemRecord> out, ShardSplitState state) {
    if (e.isNote()) {
      state.followed(e.readAtMillis());
      return;
    }
    out.collect(ItemRecord.change(e.table(), e.key(), e.item(), e.removed()));
    state.emitted(e.sequenceNumber(), e.readAtMillis());
    read.inc(e.table(), 1);
  }
}
