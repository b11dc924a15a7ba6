package io.nimo.core.sync.spool;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.StreamCheckpoint;
import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.sync.run.SourceSide;
import io.nimo.core.sync.stream.IncrSettings;
import io.nimo.core.sync.stream.TableStreamSync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * Reads the streams while a long full sync runs and spools their records to {@code
 * increase.persist.dir/<id>/<table>/}, so a full sync longer than the streams' 24 h retention loses
 * nothing. It starts at once with {@code incr_sync_parallel = true} or when a previous run was
 * spooling, otherwise once the full sync has run {@code incr.spool_after}; it stops (positions
 * checkpointed) when the full sync ends, and the incremental sync replays it.
 */
public final class StreamSpooler {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSpooler.class);
  private final SourceSide source;
  private final CheckpointStore store;
  private final Clock clock;
  private final SpoolSettings settings;
  private final IncrSettings incr;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Map<String, StreamProgress> progress = new LinkedHashMap<>();
  private final Map<String, Future<?>> readers = new LinkedHashMap<>();
  private ScheduledExecutorService timer;
  private ExecutorService pool;
  private SpoolBudget budget;

  /**
   * A spooler.
   *
   * @param source the source's tables, streams and retrier
   * @param store where shard positions are kept
   * @param clock the job's clock
   * @param settings where and when to spool
   * @param incr how the streams are read
   */
  public StreamSpooler(
      SourceSide source,
      CheckpointStore store,
      Clock clock,
      SpoolSettings settings,
      IncrSettings incr) {
    this.source = source;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.incr = incr;
  }

  /**
   * Deletes a table's spool (its positions were replaced, so the spooled changes are superseded).
   *
   * @param settings where the spools are
   * @throws IOException if a spool file cannot be deleted
   */
  public static void discard(SpoolSettings settings, String table) throws IOException {
    Path dir = settings.tableDir(table);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /**
   * Arranges spooling for the coming full sync (call before it starts).
   *
   * @param state the loaded checkpoint
   */
  public void schedule(List<String> tables, JobState state) {
    boolean resuming =
        tables.stream()
            .flatMap(t -> state.stream(t).stream())
            .anyMatch(s -> s.shards().values().stream().anyMatch(c -> c.status().spooled()));
    Duration after = settings.after();
    timer = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("nimo-spool-timer"));
    if (settings.fromStart() || resuming) {
      LOG.info(
          "spooling the streams of {} table(s) to {} while the full sync runs{}",
          tables.size(),
          settings.jobDir().toAbsolutePath(),
          resuming ? " (resuming the previous run's spool)" : "");
      timer.execute(() -> start(tables, state));
    } else if (!after.isZero()) {
      timer.schedule(
          () -> {
            LOG.info(
                "the full sync has run {}; spooling the streams to {} from now on so their 24 h retention cannot "
                    + "lose changes",
                after,
                settings.jobDir().toAbsolutePath());
            start(tables, state);
          },
          after.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void start(List<String> tables, JobState state) {
    if (stop.get()) {
      return;
    }
    try {
      startReaders(tables, state);
    } catch (RuntimeException e) {
      LOG.error(
          "spooling could not start: {}; the changes are read from the recorded stream positions once the "
              + "full sync ends",
          e.getMessage(),
          e);
    }
  }

  private void startReaders(List<String> tables, JobState state) {
    budget = new SpoolBudget(settings.maxBytes(), existingBytes(), stop);
    pool = Executors.newFixedThreadPool(tables.size(), new NamedThreadFactory("nimo-spool-table"));
    for (String t : tables) {
      StreamCheckpoint from =
          state.stream(t)
              .orElseThrow(
                  () -> new IllegalStateException("no stream positions recorded for table " + t));
      StreamProgress p = new StreamProgress(t);
      progress.put(t, p);
      readers.put(
          t,
          pool.submit(
              () -> {
                KeySchema keys =
                    source
                        .retrier()
                        .call("DescribeTable " + t, () -> source.tables().describeTable(t))
                        .schema()
                        .key();
                new TableStreamSync(
                        t,
                        keys,
                        source,
                        store,
                        clock,
                        new SpoolSink(settings.tableDir(t), budget),
                        incr,
                        p,
                        stop)
                    .run(from);
                return null;
              }));
    }
    long interval = Math.max(100, settings.progressInterval().toMillis());
    timer.scheduleWithFixedDelay(this::logStatus, interval, interval, TimeUnit.MILLISECONDS);
  }

  private synchronized void logStatus() {
    long now = clock.millis();
    progress.forEach(
        (t, p) -> {
          StreamProgress.Snapshot s = p.snapshot(now);
          LOG.info(
              "[stage=spool, table={}] spooled={} open_shards={} spool_mb={}",
              t,
              s.read(),
              s.openShards(),
              budget.usedBytes() >> 20);
        });
  }

  /**
   * Stops spooling and waits for the readers to checkpoint; a table whose spooling failed is
   * logged.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void finish() throws InterruptedException {
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
          LOG.error(
              "spooling the stream of table {} stopped early: {}; its changes are read from the stream "
                  + "position it reached once the full sync ends",
              r.getKey(),
              e.getCause().getMessage(),
              e.getCause());
        }
      }
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private long existingBytes() {
    Path dir = settings.jobDir();
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".spool"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the spool directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
