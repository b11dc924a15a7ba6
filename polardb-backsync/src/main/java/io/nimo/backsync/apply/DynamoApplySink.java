package io.nimo.backsync.apply;

import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.source.ChangeRecord;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The DynamoDB side of the job: one {@link DynamoApplyWriter} per subtask, fed by a stream keyed by
 * table + item key. At-least-once with per-key order: every checkpoint first writes what is
 * buffered, and PutItem / DeleteItem of the latest state are idempotent on replay.
 */
public final class DynamoApplySink implements Sink<ChangeRecord> {
  private static final long serialVersionUID = 1L;

  private final BackSyncOptions options;
  private final ItemStoreFactory stores;

  /**
   * A sink.
   *
   * @param options the job options
   * @param stores opens the DynamoDB seam on the task manager
   */
  public DynamoApplySink(BackSyncOptions options, ItemStoreFactory stores) {
    this.options = options;
    this.stores = stores;
  }

  /** Named daemon threads, at most {@code n} BatchWriteItem calls in flight per subtask. */
  private static ExecutorService writerPool(int n, int subtask) {
    AtomicInteger next = new AtomicInteger();
    return Executors.newFixedThreadPool(
        n,
        r -> {
          Thread t = new Thread(r, "backsync-writer-" + subtask + "-" + next.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  @SuppressWarnings("deprecation") // Flink 1.20 still declares this as the abstract method
  public SinkWriter<ChangeRecord> createWriter(InitContext context) {
    Clock clock = Clock.systemUTC();
    DynamoApplyWriter w =
        new DynamoApplyWriter(
            stores.open(),
            new ApplyRetrier(options.get(BackSyncKeys.APPLY_RETRY_BUDGET), clock, Thread::sleep),
            new ApplyProgress(
                options.get(BackSyncKeys.PROGRESS_INTERVAL),
                context.getSubtaskId(),
                clock.millis()),
            clock,
            options.get(BackSyncKeys.APPLY_MAX_KEYS),
            options.get(BackSyncKeys.APPLY_FLUSH_INTERVAL),
            writerPool(options.get(BackSyncKeys.APPLY_IN_FLIGHT), context.getSubtaskId()));
    w.schedule(context.getProcessingTimeService());
    return w;
  }
}
