package io.nimo.core.sync;

import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.source.ScanPage;
import io.nimo.core.source.TableScanner;
import io.nimo.core.target.Target;
import io.nimo.core.target.WriteResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The data path of one table: segment fetchers → bounded page queue → parsers (key checks,
 * batching) → bounded batch queue → writers. Memory is bounded by the two queues whatever the
 * table size. The first failure anywhere stops every stage and is rethrown by {@link #await}.
 */
final class TablePipeline {
  private static final long POLL_MS = 100;
  private static final Envelope PAGE_END = new Envelope(null, null);
  private static final List<WorkItem> BATCH_END = List.of();

  private record Envelope(ScanPage page, PageTicket ticket) {}

  private record WorkItem(Map<String, AttributeValue> item, PageTicket ticket) {}

  private final String table;
  private final KeySchema keys;
  private final TableScanner scanner;
  private final Target target;
  private final SegmentTracker tracker;
  private final TableProgress progress;
  private final FullSyncSettings settings;
  private final ItemTransformer transformer;
  private final AtomicBoolean stopRequested;
  private final BlockingQueue<Envelope> pages;
  private final BlockingQueue<List<WorkItem>> batches;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicBoolean aborted = new AtomicBoolean();
  private ExecutorService executor;

  TablePipeline(String table, KeySchema keys, TableScanner scanner, Target target, SegmentTracker tracker,
      TableProgress progress, FullSyncSettings settings, ItemTransformer transformer, AtomicBoolean stopRequested) {
    this.table = table;
    this.keys = keys;
    this.scanner = scanner;
    this.target = target;
    this.tracker = tracker;
    this.progress = progress;
    this.settings = settings;
    this.transformer = transformer;
    this.stopRequested = stopRequested;
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
    int threads = open.size() + settings.parsers() + settings.writers();
    executor = Executors.newFixedThreadPool(Math.max(1, threads), new NamedThreadFactory("nimo-full-" + table));
    AtomicInteger fetchersLeft = new AtomicInteger(open.size());
    AtomicInteger parsersLeft = new AtomicInteger(settings.parsers());
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int s : open) {
      all.add(run(() -> fetch(s, totalSegments, fetchersLeft)));
    }
    if (open.isEmpty()) {
      all.add(run(() -> endPages()));
    }
    for (int i = 0; i < settings.parsers(); i++) {
      all.add(run(() -> parse(parsersLeft)));
    }
    for (int i = 0; i < settings.writers(); i++) {
      all.add(run(this::write));
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

  private CompletableFuture<Void> run(Stage stage) {
    return CompletableFuture.runAsync(() -> {
      try {
        stage.run();
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
    }, executor);
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

  private void fetch(int segment, int totalSegments, AtomicInteger left) throws InterruptedException {
    try {
      scanner.scanSegment(table, segment, totalSegments, tracker.committed(segment).lastKey(), page -> {
        progress.addRead(page.items().size());
        PageTicket ticket = tracker.register(page);
        if (!page.items().isEmpty()) {
          pages.put(new Envelope(page, ticket));
        }
      }, stopRequested::get);
    } finally {
      if (left.decrementAndGet() == 0 && running()) {
        endPages();
      }
    }
  }

  private void endPages() throws InterruptedException {
    for (int i = 0; i < settings.parsers(); i++) {
      pages.put(PAGE_END);
    }
  }

  private void parse(AtomicInteger left) throws InterruptedException {
    List<WorkItem> buffer = new ArrayList<>(settings.batchSize());
    try {
      while (true) {
        Envelope e = pages.poll(POLL_MS, TimeUnit.MILLISECONDS);
        if (e == null) {
          buffer = flush(buffer);
          continue;
        }
        if (e == PAGE_END) {
          break;
        }
        for (Map<String, AttributeValue> item : e.page().items()) {
          Map<String, AttributeValue> out = transform(item);
          if (out == null) {
            progress.addFiltered(1);
            tracker.ack(e.ticket(), 1);
            continue;
          }
          buffer.add(new WorkItem(out, e.ticket()));
          if (buffer.size() >= settings.batchSize()) {
            buffer = flush(buffer);
          }
        }
      }
      flush(buffer);
    } finally {
      if (left.decrementAndGet() == 0 && running()) {
        for (int i = 0; i < settings.writers(); i++) {
          batches.put(BATCH_END);
        }
      }
    }
  }

  /** The transformed item, or {@code null} if the transformer skips it. */
  private Map<String, AttributeValue> transform(Map<String, AttributeValue> item) {
    ItemKey key = keys.keyOf(item);
    if (transformer == ItemTransformer.IDENTITY) {
      return item;
    }
    Map<String, AttributeValue> out = transformer.transform(table, item).orElse(null);
    if (out != null && !key.equals(keySafe(out))) {
      throw new IllegalStateException("item transformer changed the key of item {" + key + "} of table " + table);
    }
    return out;
  }

  private ItemKey keySafe(Map<String, AttributeValue> item) {
    try {
      return keys.keyOf(item);
    } catch (IllegalArgumentException missing) {
      return null;
    }
  }

  private List<WorkItem> flush(List<WorkItem> buffer) throws InterruptedException {
    if (buffer.isEmpty()) {
      return buffer;
    }
    batches.put(buffer);
    return new ArrayList<>(settings.batchSize());
  }

  private void write() throws InterruptedException {
    while (true) {
      List<WorkItem> batch = batches.take();
      if (batch == BATCH_END) {
        return;
      }
      List<Map<String, AttributeValue>> items = new ArrayList<>(batch.size());
      batch.forEach(w -> items.add(w.item()));
      WriteResult r;
      try {
        r = target.writeBatch(items);
      } catch (RuntimeException e) {
        if (!aborted.get()) {
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
