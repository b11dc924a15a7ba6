package io.nimo.core.sync.full;

import io.nimo.core.metrics.TableProgress;
import io.nimo.core.source.SegmentReader;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * First stage of a table's full sync: scans one parallel-Scan segment from its checkpointed key and
 * hands every non-empty page, registered with the segment tracker, to the convert stage. Blocks
 * when the page queue is full, which bounds memory.
 */
final class SegmentScanStage {
  private final String table;
  private final SegmentReader scanner;
  private final SegmentTracker tracker;
  private final TableProgress progress;
  private final BlockingQueue<ScannedPage> out;
  private final BooleanSupplier stopped;

  SegmentScanStage(
      String table,
      SegmentReader scanner,
      SegmentTracker tracker,
      TableProgress progress,
      BlockingQueue<ScannedPage> out,
      BooleanSupplier stopped) {
    this.table = table;
    this.scanner = scanner;
    this.tracker = tracker;
    this.progress = progress;
    this.out = out;
    this.stopped = stopped;
  }

  /** Scans the segment to its end or until stopped. */
  void scan(int segment, int totalSegments) throws InterruptedException {
    scanner.scanSegment(
        table,
        segment,
        totalSegments,
        tracker.committed(segment).lastKey(),
        page -> {
          progress.addRead(page.items().size());
          PageTicket ticket = tracker.register(page);
          if (!page.items().isEmpty()) {
            out.put(new ScannedPage(page, ticket));
          }
        },
        stopped);
  }
}
