package io.nimo.flink.stream;

import io.nimo.flink.ItemRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/** Emits a change and moves its shard's position past it. */
final class ShardRecordEmitter implements RecordEmitter<ShardElement, ItemRecord, ShardSplitState> {

  @Override
  public void emitRecord(ShardElement e, SourceOutput<ItemRecord> out, ShardSplitState state) {
    out.collect(ItemRecord.change(e.table(), e.key(), e.json(), e.removed()));
    state.emitted(e.sequenceNumber());
  }
}
