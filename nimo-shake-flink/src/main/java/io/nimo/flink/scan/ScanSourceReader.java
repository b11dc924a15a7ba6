package io.nimo.flink.scan;

import io.nimo.flink.ItemRecord;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/** One parallel reader of the Scan source: asks for a segment, reads it, asks for the next. */
final class ScanSourceReader
    extends SingleThreadMultiplexSourceReaderBase<
        ScanElement, ItemRecord, ScanSplit, ScanSplitState> {
  private final SourceReaderContext context;

  ScanSourceReader(
      Supplier<SplitReader<ScanElement, ScanSplit>> splitReaders, SourceReaderContext context) {
    super(splitReaders, new ScanRecordEmitter(), context.getConfiguration(), context);
    this.context = context;
  }

  @Override
  public void start() {
    if (getNumberOfCurrentlyAssignedSplits() == 0) {
      context.sendSplitRequest();
    }
  }

  @Override
  protected void onSplitFinished(Map<String, ScanSplitState> finished) {
    context.sendSplitRequest();
  }

  @Override
  protected ScanSplitState initializedState(ScanSplit split) {
    return new ScanSplitState(split);
  }

  @Override
  protected ScanSplit toSplitType(String splitId, ScanSplitState state) {
    return state.toSplit();
  }
}
