package io.nimo.core.sync.full;

import io.nimo.core.metrics.TableProgress;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.WriteResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Last stage of a table's full sync: writes each batch to the target and only then acknowledges its
 * items to the segment tracker, so checkpoints move over written items only.
 */
final class BatchWriteStage {
  private final Target target;
  private final SegmentTracker tracker;
  private final TableProgress progress;
  private final BlockingQueue<List<WorkItem>> in;
  private final BooleanSupplier aborted;

  BatchWriteStage(
      Target target,
      SegmentTracker tracker,
      TableProgress progress,
      BlockingQueue<List<WorkItem>> in,
      BooleanSupplier aborted) {
    this.target = target;
    this.tracker = tracker;
    this.progress = progress;
    this.in = in;
    this.aborted = aborted;
  }

  /** Writes batches until {@link ItemConvertStage#END}; a failed write is rethrown. */
  void run() throws InterruptedException {
    while (true) {
      List<WorkItem> batch = in.take();
      if (batch == ItemConvertStage.END) {
        return;
      }
      List<Map<String, AttributeValue>> items = new ArrayList<>(batch.size());
      batch.forEach(w -> items.add(w.item()));
      WriteResult r;
      try {
        r = target.writeBatch(items);
      } catch (RuntimeException e) {
        if (!aborted.getAsBoolean()) {
          // an interrupted write (stop during an outage) is not a failure: the next run repeats it
          progress.addFailed(items.size());
        }
        throw e;
      }
      progress.addWritten(r.written(), r.retried(), r.deduplicated());
      Map<PageTicket, Integer> perTicket = new IdentityHashMap<>();
      batch.forEach(w -> perTicket.merge(w.ticket(), 1, Integer::sum));
      perTicket.forEach(tracker::ack);
    }
  }
}
