package io.nimo.flink.scan;

import io.nimo.flink.ItemRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/** Emits a page's items and, at its end marker, moves the split's position past the page. */
final class ScanRecordEmitter implements RecordEmitter<ScanElement, ItemRecord, ScanSplitState> {

  @Override
  public void emitRecord(ScanElement e, SourceOutput<ItemRecord> out, ScanSplitState state) {
    if (e.pageEnd()) {
      state.pageEmitted(e.lastKeyJson());
    } else {
      out.collect(new ItemRecord(e.table(), e.key(), e.json()));
    }
  }
}
