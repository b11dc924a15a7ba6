package io.nimo.core.sync;

import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.StreamCheckpoint;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.StreamProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the streams while a long full sync runs and spools their records to
 * {@code increase.persist.dir/<id>/<table>/}, so a full sync longer than the streams' 24 h
 * retention loses nothing. It starts at once with {@code incr_sync_parallel = true} or when a
 * previous run was spooling, otherwise once the full sync has run {@code incr.spool_after}; it
 * stops (positions checkpointed) when the full sync ends, and the incremental sync replays it.
 */
final class StreamSpooler {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSpooler.class);
  private final JobContext ctx;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Map<String, StreamProgress> progress = new LinkedHashMap<>();
  private final Map<String, Future<?>> readers = new LinkedHashMap<>();
  private ScheduledExecutorService timer;
  private ExecutorService pool;
  private SpoolBudget budget;

  StreamSpooler(JobContext ctx) {
    this.ctx = ctx;
  }

  /** The spool directory of one table. */
  static Path tableDir(Configuration c, String table) {
    return Path.of(c.get(ShakeOptions.INCR_PERSIST_DIR), c.get(ShakeOptions.ID), table);
  }

  /** Deletes a table's spool (its positions were replaced, so the spooled changes are superseded). */
  static void discard(Configuration c, String table) throws IOException {
    Path dir = tableDir(c, table);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** Arranges spooling for the coming full sync (call before it starts). */
  void schedule(List<String> tables, JobState state) {
    boolean resuming = tables.stream().flatMap(t -> state.stream(t).stream())
        .anyMatch(s -> s.shards().values().stream().anyMatch(c -> c.status().spooled()));
    Duration after = ctx.config().get(ShakeOptions.INCR_SPOOL_AFTER);
    timer = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("nimo-spool-timer"));
    if (ctx.config().get(ShakeOptions.INCR_SYNC_PARALLEL) || resuming) {
      LOG.info("spooling the streams of {} table(s) to {} while the full sync runs{}", tables.size(),
          tableDir(ctx.config(), "").toAbsolutePath(), resuming ? " (resuming the previous run's spool)" : "");
      timer.execute(() -> start(tables, state));
    } else if (!after.isZero()) {
      timer.schedule(() -> {
        LOG.info("the full sync has run {}; spooling the streams to {} from now on so their 24 h retention cannot "
            + "lose changes", after, tableDir(ctx.config(), "").toAbsolutePath());
        start(tables, state);
      }, after.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void start(List<String> tables, JobState state) {
    if (stop.get()) {
      return;
    }
    try {
      startReaders(tables, state);
    } catch (RuntimeException e) {
      LOG.error("spooling could not start: {}; the changes are read from the recorded stream positions once the "
          + "full sync ends", e.getMessage(), e);
    }
  }

  private void startReaders(List<String> tables, JobState state) {
    budget = new SpoolBudget((long) ctx.config().get(ShakeOptions.INCR_PERSIST_MAX_MB) << 20, existingBytes(), stop);
    pool = Executors.newFixedThreadPool(tables.size(), new NamedThreadFactory("nimo-spool-table"));
    IncrSettings settings = IncrSettings.from(ctx.config());
    for (String t : tables) {
      StreamCheckpoint from = state.stream(t).orElseThrow(() -> new IllegalStateException(
          "no stream positions recorded for table " + t));
      StreamProgress p = new StreamProgress(t);
      progress.put(t, p);
      readers.put(t, pool.submit(() -> {
        KeySchema keys = KeySchema.of(ctx.sourceRetrier().call("DescribeTable " + t, () -> ctx.source().describeTable(t)));
        new TableStreamSync(t, keys, ctx.source(), ctx.streams(), ctx.sourceRetrier(),
            new SpoolSink(tableDir(ctx.config(), t), budget), ctx.store(), settings, p, ctx.clock(), stop).run(from);
        return null;
      }));
    }
    long interval = Math.max(100, ctx.config().get(ShakeOptions.PROGRESS_INTERVAL).toMillis());
    timer.scheduleWithFixedDelay(this::logStatus, interval, interval, TimeUnit.MILLISECONDS);
  }

  private synchronized void logStatus() {
    long now = ctx.clock().millis();
    progress.forEach((t, p) -> {
      StreamProgress.Snapshot s = p.snapshot(now);
      LOG.info("[stage=spool, table={}] spooled={} open_shards={} spool_mb={}", t, s.read(), s.openShards(),
          budget.usedBytes() >> 20);
    });
  }

  /** Stops spooling and waits for the readers to checkpoint; a table whose spooling failed is logged. */
  void finish() throws InterruptedException {
    synchronized (this) {
      stop.set(true);
    }
    if (timer != null) {
      timer.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
    }
    synchronized (this) {
      for (Map.Entry<String, Future<?>> r : readers.entrySet()) {
        try {
          r.getValue().get();
        } catch (ExecutionException e) {
          LOG.error("spooling the stream of table {} stopped early: {}; its changes are read from the stream "
              + "position it reached once the full sync ends", r.getKey(), e.getCause().getMessage(), e.getCause());
        }
      }
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private long existingBytes() {
    Path dir = Path.of(ctx.config().get(ShakeOptions.INCR_PERSIST_DIR), ctx.config().get(ShakeOptions.ID));
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".spool")).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
