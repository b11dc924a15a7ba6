package io.nimo.core.sync.full;

import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.sink.Target;
import io.nimo.core.source.SegmentReader;
import io.nimo.core.sync.run.SyncRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data path of one table: {@link SegmentScanStage} per open segment → bounded page queue →
 * {@link ItemConvertStage}s → bounded batch queue → {@link BatchWriteStage}s. Memory is bounded by
 * the two queues whatever the table size. The last stage of each kind to finish posts the end
 * markers downstream; the first failure anywhere stops every stage and is kept for {@link
 * #failure()}.
 */
final class TablePipeline {
  private final String table;
  private final KeySchema keys;
  private final SegmentReader scanner;
  private final Target target;
  private final SegmentTracker tracker;
  private final TableProgress progress;
  private final FullSyncSettings settings;
  private final SyncRun run;
  private final BlockingQueue<ScannedPage> pages;
  private final BlockingQueue<List<WorkItem>> batches;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicBoolean aborted = new AtomicBoolean();
  private ExecutorService executor;

  TablePipeline(
      String table,
      KeySchema keys,
      SegmentReader scanner,
      Target target,
      SegmentTracker tracker,
      TableProgress progress,
      FullSyncSettings settings,
      SyncRun run) {
    this.table = table;
    this.keys = keys;
    this.scanner = scanner;
    this.target = target;
    this.tracker = tracker;
    this.progress = progress;
    this.settings = settings;
    this.run = run;
    this.pages = new ArrayBlockingQueue<>(Math.max(4, settings.parsers() * 2));
    this.batches = new ArrayBlockingQueue<>(Math.max(2, settings.writers()));
  }

  /** Starts the threads for the unfinished segments and returns a future of the whole pipeline. */
  CompletableFuture<Void> start(int totalSegments) {
    List<Integer> open = new ArrayList<>();
    for (int s = 0; s < totalSegments; s++) {
      if (!tracker.committed(s).done()) {
        open.add(s);
      }
    }
    // at most full.read.concurrency segments at once: an export of a large table has thousands of
    // data files, and each reader takes the next one when its own is read
    int readers = Math.min(open.size(), Math.max(1, settings.segments()));
    int threads = readers + settings.parsers() + settings.writers();
    executor =
        Executors.newFixedThreadPool(
            Math.max(1, threads), new NamedThreadFactory("nimo-full-" + table));
    progress.queues(pages::size, batches::size);
    SegmentScanStage scan =
        new SegmentScanStage(table, scanner, tracker, progress, pages, run::stopping);
    ItemConvertStage convert =
        new ItemConvertStage(
            table,
            keys,
            run.transformer(),
            tracker,
            progress,
            settings.batchSize(),
            pages,
            batches);
    BatchWriteStage write = new BatchWriteStage(target, tracker, progress, batches, aborted::get);
    AtomicInteger scannersLeft = new AtomicInteger(readers);
    AtomicInteger convertersLeft = new AtomicInteger(settings.parsers());
    List<CompletableFuture<Void>> all = new ArrayList<>();
    Queue<Integer> todo = new ConcurrentLinkedQueue<>(open);
    for (int r = 0; r < readers; r++) {
      all.add(
          run(
              () -> {
                for (Integer s = todo.poll(); s != null && !run.stopping(); s = todo.poll()) {
                  scan.scan(s, totalSegments);
                }
              },
              scannersLeft,
              this::endPages));
    }
    if (open.isEmpty()) {
      all.add(run(this::endPages, null, null));
    }
    for (int i = 0; i < settings.parsers(); i++) {
      all.add(run(convert::run, convertersLeft, this::endBatches));
    }
    for (int i = 0; i < settings.writers(); i++) {
      all.add(run(write::run, null, null));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .whenComplete((r, e) -> executor.shutdown());
  }

  /** The first failure of any stage, if one happened. */
  Throwable failure() {
    return failure.get();
  }

  /**
   * Ends a requested stop that in-flight work cannot finish promptly (e.g. retrying against an
   * endpoint that is down): interrupts every stage. Unacknowledged items stay behind the
   * checkpoint, so the next run writes them again; nothing is reported as failed.
   */
  void abort() {
    if (aborted.compareAndSet(false, true)) {
      executor.shutdownNow();
    }
  }

  private interface Stage {
    void run() throws Exception;
  }

  /** Runs a stage; the last of its kind to finish ({@code left} reaching 0) runs {@code last}. */
  private CompletableFuture<Void> run(Stage stage, AtomicInteger left, Stage last) {
    if (executor.isShutdown()) {
      // a stage that already ran failed (a damaged export file fails at once) while the others
      // were still being started: that failure is kept, these stages have nothing to do
      return CompletableFuture.completedFuture(null);
    }
    try {
      return runAsync(stage, left, last);
    } catch (RejectedExecutionException failedMeanwhile) {
      return CompletableFuture.completedFuture(null);
    }
  }

  private CompletableFuture<Void> runAsync(Stage stage, AtomicInteger left, Stage last) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            try {
              stage.run();
            } finally {
              if (left != null && left.decrementAndGet() == 0 && running()) {
                last.run();
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (failure.get() == null && !aborted.get()) {
              fail(e);
            }
          } catch (Throwable e) {
            if (!aborted.get()) {
              fail(e);
            }
          }
        },
        executor);
  }

  /** Neither failed nor aborted: end-of-stream markers are still wanted downstream. */
  private boolean running() {
    return failure.get() == null && !aborted.get();
  }

  private void fail(Throwable e) {
    if (failure.compareAndSet(null, e)) {
      executor.shutdownNow();
    }
  }

  private void endPages() throws InterruptedException {
    for (int i = 0; i < settings.parsers(); i++) {
      pages.put(ScannedPage.END);
    }
  }

  private void endBatches() throws InterruptedException {
    for (int i = 0; i < settings.writers(); i++) {
      batches.put(ItemConvertStage.END);
    }
  }
}
