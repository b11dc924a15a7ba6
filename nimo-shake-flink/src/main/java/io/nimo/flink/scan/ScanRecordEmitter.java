package io.nimo.flink.scan;

import io.nimo.core.source.export.ExportSegments;
import io.nimo.flink.item.ItemRecord;
import io.nimo.flink.metrics.TableCounter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.MetricGroup;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Emits a page's items (counted per table as {@code nimoItemsScanned}) and, at its end marker,
 * moves the split's position past the page.
 */
final class ScanRecordEmitter implements RecordEmitter<ScanElement, ItemRecord, ScanSplitState> {
  private final TableCounter scanned;

  ScanRecordEmitter(MetricGroup metrics) {
    this.scanned = new TableCounter(metrics, "nimoItemsScanned");
  }

  @Override
  public void emitRecord(ScanElement e, SourceOutput<ItemRecord> out, ScanSplitState state) {
    if (e.pageEnd()) {
      state.pageEmitted(e.lastKeyJson());
    } else {
      if (state.version() == 0) {
        out.collect(ItemRecord.scanned(e.table(), e.key(), e.item()));
      } else {
        boolean removed = e.item().containsKey(ExportSegments.REMOVED);
        Map<String, AttributeValue> item = e.item();
        if (removed) {
          item = new HashMap<>(item);
          item.remove(ExportSegments.REMOVED);
        }
        out.collect(ItemRecord.bridged(e.table(), e.key(), item, removed, state.version()));
      }
      scanned.inc(e.table(), 1);
    }
  }
}
