package io.nimo.core.sync.stream;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.StreamCheckpoint;
import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.stream.ChangeSink;
import io.nimo.core.source.stream.ShardReader;
import io.nimo.core.source.stream.ShardTracker;
import io.nimo.core.source.stream.StreamGuard;
import io.nimo.core.source.stream.TableStream;
import io.nimo.core.sync.run.SourceSide;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one table's stream until stopped: discovers shards every discovery interval, starts a
 * shard only once its parent is fully applied (per-key order holds across splits), reads up to
 * {@code increase.concurrency} shards in parallel, and persists every shard's position.
 */
public final class TableStreamSync {
  private static final Logger LOG = LoggerFactory.getLogger(TableStreamSync.class);

  /** How often the checkpoint records that the stream is being followed. */
  private static final java.time.Duration CONFIRM_EVERY = java.time.Duration.ofMinutes(10);

  private final String table;
  private final KeySchema keys;
  private final DynamoClient source;
  private final StreamsApi streams;
  private final Retrier retrier;
  private final ChangeSink sink;
  private final CheckpointStore store;
  private final IncrSettings settings;
  private final StreamProgress progress;
  private final Clock clock;

  /** How long readers may take to finish their in-flight changes after a stop request. */
  static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(5);

  /** How long interrupted readers may take to end before the stop leaves them behind. */
  static final java.time.Duration ABORT_GRACE = java.time.Duration.ofSeconds(3);

  private final AtomicBoolean stopRequested;
  private final ShardTracker shards;
  private final StreamGuard guard;
  private final Semaphore changed = new Semaphore(0);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /**
   * A follower of one table's stream.
   *
   * @param keys its key schema
   * @param source the source's tables, streams and retrier
   * @param store where shard positions are kept
   * @param clock the job's clock
   * @param sink where changes go (the target, or the spool)
   * @param settings the incremental tuning
   * @param progress the table's stream progress
   * @param stopRequested turns true to stop
   */
  public TableStreamSync(
      String table,
      KeySchema keys,
      SourceSide source,
      CheckpointStore store,
      Clock clock,
      ChangeSink sink,
      IncrSettings settings,
      StreamProgress progress,
      AtomicBoolean stopRequested) {
    this.table = table;
    this.keys = keys;
    this.source = source.tables();
    this.streams = source.streams();
    this.retrier = source.retrier();
    this.sink = sink;
    this.store = store;
    this.settings = settings;
    this.progress = progress;
    this.clock = clock;
    this.stopRequested = stopRequested;
    this.shards = new ShardTracker(table, sink::settled);
    this.guard = new StreamGuard(table, this.source, retrier);
  }

  /**
   * Runs until stopped or failed (rethrown).
   *
   * @param start the recorded positions
   * @throws Exception the table's failure
   */
  public void run(StreamCheckpoint start) throws Exception {
    String arn = start.streamArn();
    guard.check(arn);
    long nextConfirm = 0;
    start.shards().values().forEach(this::track);
    shards.requireFresh(start.confirmedAtMillis(), clock.millis());
    ExecutorService workers =
        Executors.newFixedThreadPool(
            settings.shardsPerTable(), new NamedThreadFactory("nimo-incr-" + table));
    ExecutorService fetchers =
        Executors.newFixedThreadPool(
            settings.shardsPerTable(), new NamedThreadFactory("nimo-fetch-" + table));
    long nextDiscovery = 0;
    try {
      while (!stopRequested.get() && failure.get() == null) {
        if (clock.millis() >= nextConfirm) {
          store.save(new JobState.Delta.StreamConfirmed(table, clock.millis()));
          nextConfirm = clock.millis() + CONFIRM_EVERY.toMillis();
        }
        if (clock.millis() >= nextDiscovery) {
          guard.check(arn);
          discover(arn);
          nextDiscovery = clock.millis() + settings.discoveryInterval().toMillis();
        }
        for (ShardCheckpoint s : shards.takeReady(settings.shardsPerTable())) {
          workers.execute(() -> readShard(arn, s, fetchers));
        }
        changed.tryAcquire(200, TimeUnit.MILLISECONDS);
        changed.drainPermits();
      }
    } finally {
      workers.shutdown();
      if (!workers.awaitTermination(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        // a reader is stuck retrying (e.g. the target is down): interrupt it; its position stays at
        // the last applied change, so nothing is lost. One blocked on a silent socket does not end
        // on an interrupt and is left behind after ABORT_GRACE
        workers.shutdownNow();
        workers.awaitTermination(ABORT_GRACE.toSeconds(), TimeUnit.SECONDS);
      }
      fetchers.shutdownNow();
    }
    Throwable f = failure.get();
    if (f != null) {
      throw f instanceof Exception e ? e : new IllegalStateException(f);
    }
  }

  private void readShard(String arn, ShardCheckpoint start, Executor fetchers) {
    ShardPositionSaver saver = new ShardPositionSaver();
    try {
      new ShardReader(
              new TableStream(table, arn, streams, retrier),
              keys,
              sink,
              settings.reader(),
              progress,
              clock,
              fetchers)
          .read(start, saver::advance, () -> stopRequested.get() || failure.get() != null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable error) {
      Throwable e = guard.explain(arn, error);
      if (stopRequested.get()) {
        LOG.info(
            "table {} shard {}: interrupted by the stop request ({})",
            table,
            start.shardId(),
            e.getMessage());
      } else if (failure.compareAndSet(null, e)) {
        LOG.error("table {} shard {}: {}", table, start.shardId(), e.getMessage());
      }
    } finally {
      // a stop's interrupt must not break the last checkpoint write (interruptible file I/O fails
      // on an interrupted thread); the position saved is one whose changes were applied
      boolean interrupted = Thread.interrupted();
      try {
        saver.flush();
      } catch (RuntimeException e) {
        LOG.warn(
            "table {} shard {}: the last position was not saved ({}); the next run replays from"
                + " the one saved before, idempotently",
            table,
            start.shardId(),
            e.getMessage());
      } finally {
        shards.released(start.shardId());
        changed.release();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Persists one shard's applied position: state changes at once, plain advances at most every
   * checkpoint interval (a crash replays at most that much, idempotently), the last one on exit.
   */
  private final class ShardPositionSaver {
    private ShardCheckpoint pending;
    private ShardCheckpoint.Status savedStatus;
    private long lastSave;

    void advance(ShardCheckpoint c) {
      track(c);
      long now = clock.millis();
      if (c.status() != savedStatus || now - lastSave >= settings.checkpointInterval().toMillis()) {
        save(c, now);
      } else {
        pending = c;
      }
    }

    void flush() {
      if (pending != null) {
        save(pending, clock.millis());
      }
    }

    private void save(ShardCheckpoint c, long now) {
      store.save(new JobState.Delta.ShardsAdvanced(table, List.of(c)));
      savedStatus = c.status();
      lastSave = now;
      pending = null;
    }
  }

  private void track(ShardCheckpoint c) {
    shards.track(c);
    progress.shard(
        c.shardId(),
        new StreamProgress.ShardState(
            c.parentShardId(), c.sequenceNumber(), c.status().code(), clock.millis()));
  }

  private void discover(String arn) {
    ShardTracker.Changes changes =
        shards.merge(new TableStream(table, arn, streams, retrier).shards());
    List<String> gone = changes.forgotten();
    if (!gone.isEmpty()) {
      store.save(new JobState.Delta.ShardsForgotten(table, gone));
      gone.forEach(progress::forget);
      LOG.debug("table {}: forgot {} finished shard(s) that left the stream", table, gone.size());
    }
    List<ShardCheckpoint> added = changes.added();
    if (!added.isEmpty()) {
      added.forEach(this::track);
      LOG.info(
          "table {}: {} new shard(s): {}",
          table,
          added.size(),
          added.stream().map(ShardCheckpoint::shardId).toList());
      store.save(new JobState.Delta.ShardsAdvanced(table, added));
    }
  }
}
