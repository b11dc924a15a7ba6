package io.nimo.flink.scan;

import io.nimo.flink.gate.ScanDoneMarkers;
import io.nimo.flink.item.ItemRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.core.io.InputStatus;

/**
 * One parallel reader of the Scan source: asks for as many segments as it keeps Scan calls in
 * flight, and for another whenever one is done. With a stream phase in the job it sends, after its
 * last segment, its end-of-Scan markers ({@link ScanDoneMarkers}) before it ends.
 */
final class ScanSourceReader
    extends SingleThreadMultiplexSourceReaderBase<
        ScanElement, ItemRecord, ScanSplit, ScanSplitState> {
  private final SourceReaderContext context;
  private final boolean markers;
  private final int inFlight;
  private final ScanPause pause;
  private boolean markersSent;

  ScanSourceReader(
      Supplier<SplitReader<ScanElement, ScanSplit>> splitReaders,
      SourceReaderContext context,
      boolean markers,
      int inFlight,
      ScanPause pause) {
    super(
        splitReaders,
        new ScanRecordEmitter(context.metricGroup()),
        context.getConfiguration(),
        context);
    this.context = context;
    this.markers = markers;
    this.inFlight = inFlight;
    this.pause = pause;
  }

  @Override
  public void handleSourceEvents(SourceEvent event) {
    if (event instanceof ScanPauseEvent p) {
      pause.set(p.paused());
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<ItemRecord> output) throws Exception {
    InputStatus status = super.pollNext(output);
    if (status == InputStatus.END_OF_INPUT && markers && !markersSent) {
      markersSent = true;
      for (ItemRecord m :
          ScanDoneMarkers.of(context.getIndexOfSubtask(), context.currentParallelism())) {
        output.collect(m);
      }
      return InputStatus.MORE_AVAILABLE;
    }
    return status;
  }

  @Override
  public void start() {
    for (int i = getNumberOfCurrentlyAssignedSplits(); i < inFlight; i++) {
      context.sendSplitRequest();
    }
  }

  @Override
  protected void onSplitFinished(Map<String, ScanSplitState> finished) {
    context.sendSourceEventToCoordinator(new SegmentsDoneEvent(List.copyOf(finished.keySet())));
    finished.forEach((id, state) -> context.sendSplitRequest());
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
