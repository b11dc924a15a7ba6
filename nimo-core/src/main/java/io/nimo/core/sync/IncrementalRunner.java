package io.nimo.core.sync;

import io.nimo.core.checkpoint.JobState;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.source.TableFilter;
import io.nimo.core.checkpoint.StreamCheckpoint;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.source.stream.StreamPositions;
import io.nimo.core.target.ExistPolicy;
import io.nimo.core.target.Target;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.StreamProgress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the stream of every selected table until the job is stopped. A table that fails (its
 * stream vanished, a position was trimmed, the target refused a change) stops with a clear error
 * while the others go on.
 */
final class IncrementalRunner {
  private static final Logger LOG = LoggerFactory.getLogger(IncrementalRunner.class);
  private static final long NEW_TABLE_CHECK_MILLIS = 30_000;
  private final JobContext ctx;

  IncrementalRunner(JobContext ctx) {
    this.ctx = ctx;
  }

  /**
   * While tables are followed: logs a status line per table every {@code progress.log_interval} and
   * reports (once) tables that appear on the source after the start, which this run does not sync.
   */
  private void watch(List<String> tables, Map<String, Future<?>> futures) throws InterruptedException {
    long interval = ctx.config().get(ShakeOptions.PROGRESS_INTERVAL).toMillis();
    Set<String> reported = new HashSet<>(tables);
    TableFilter filter = TableFilter.parse("", ctx.config().get(ShakeOptions.FILTER_BLACK));
    long nextListing = 0;
    while (futures.values().stream().anyMatch(f -> !f.isDone())) {
      Thread.sleep(Math.max(100, interval));
      long now = ctx.clock().millis();
      for (String t : tables) {
        StreamProgress p = ctx.streamProgress().get(t);
        if (p != null && !futures.get(t).isDone()) {
          StreamProgress.Snapshot s = p.snapshot(now);
          LOG.info("[stage=incr, table={}] read={} applied={} ttl_deletes={} open_shards={} lag={}", t, s.read(),
              s.applied(), s.ttlDeletes(), s.openShards(), s.lagMillis() < 0 ? "-" : s.lagMillis() + "ms");
          ctx.listener().onStreamProgress(s);
        }
      }
      if (now >= nextListing && ctx.config().get(ShakeOptions.FILTER_WHITE).isBlank()) {
        nextListing = now + NEW_TABLE_CHECK_MILLIS;
        try {
          for (String t : filter.select(ctx.source().listTables())) {
            if (reported.add(t)) {
              LOG.warn("table {} appeared on the source after this sync started and is NOT synced; run a new job "
                  + "(or restart this one with a fresh checkpoint) to include it", t);
            }
          }
        } catch (RuntimeException e) {
          LOG.debug("listing source tables failed: {}", e.getMessage());
        }
      }
    }
  }

  /** Returns the error of each failed table once every table has stopped. */
  Map<String, String> run(List<String> tables, JobState state) throws InterruptedException {
    LOG.info("------------------------start incr sync------------------------");
    IncrSettings settings = IncrSettings.from(ctx.config());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tables.size()), new NamedThreadFactory("nimo-incr-table"));
    Map<String, Future<?>> futures = new LinkedHashMap<>();
    Map<String, String> errors = new ConcurrentHashMap<>();
    try {
      for (String t : tables) {
        StreamProgress p = ctx.streamProgress().computeIfAbsent(t, StreamProgress::new);
        futures.put(t, pool.submit(() -> {
          ctx.listener().onIncrementalStarted(t);
          String error = null;
          try {
            follow(t, state.stream(t).orElseThrow(() -> new IllegalStateException(
                "no stream positions recorded for table " + t)), state.table(t).orElse(null), settings, p);
          } catch (Exception e) {
            error = String.valueOf(e.getMessage());
            errors.put(t, error);
            LOG.error("incremental sync of table {} stopped: {}", t, e.getMessage(), e);
          }
          ctx.listener().onIncrementalStopped(t, error);
        }));
      }
      watch(tables, futures);
      TableTasks.awaitAll(futures, errors);
    } finally {
      pool.shutdownNow();
    }
    return errors;
  }

  /**
   * Follows one table's stream. A lost position (trimmed, or a new stream) stops the table unless
   * {@code incr.on_trimmed = resync}: then the table is copied again from new stream positions,
   * durably marked first so that a crash mid-copy resumes the copy, never skips it.
   */
  private void follow(String t, StreamCheckpoint start, TableCheckpoint copy, IncrSettings settings, StreamProgress p)
      throws Exception {
    Target target = ctx.targets().table(t);
    while (!ctx.stopRequested().get()) {
      if (copy != null && !copy.done()) {
        start = recopy(t, copy);
        if (start == null) {
          return;
        }
      }
      KeySchema keys = KeySchema.of(ctx.sourceRetrier().call("DescribeTable " + t, () -> ctx.source().describeTable(t)));
      SpoolReplayer replayer = new SpoolReplayer(StreamSpooler.tableDir(ctx.config(), t), target, settings, p,
          ctx.clock(), ctx.stopRequested()::get);
      try {
        new TableStreamSync(t, keys, ctx.source(), ctx.streams(), ctx.sourceRetrier(),
            TargetSink.replaying(target, replayer), ctx.store(), settings, p, ctx.clock(), ctx.stopRequested())
            .run(start);
        return;
      } catch (StreamPositionLostException lost) {
        if (!ctx.config().get(ShakeOptions.INCR_ON_TRIMMED).equals("resync")) {
          throw lost;
        }
        LOG.warn("table {}: {}; incr.on_trimmed = resync: copying the table again", t, lost.getMessage());
        ctx.listener().onResync(t, lost.getMessage());
        ctx.store().save(new JobState.Delta.TableReset(t));
        copy = new TableCheckpoint(t, false, 0, Map.of(), false);
      }
    }
  }

  /**
   * Copies a table again: new stream positions first (unless the copy already began with them),
   * then a full copy into a dropped and recreated target table. Returns the positions to follow,
   * or {@code null} if the job was stopped meanwhile.
   */
  private StreamCheckpoint recopy(String t, TableCheckpoint copy) throws Exception {
    if (!copy.prepared()) {
      StreamPositions positions = new StreamPositions(ctx.source(), ctx.streams(), ctx.sourceRetrier(),
          ctx.config().get(ShakeOptions.INCR_START_PROBE));
      StreamPositions.Prepared fresh = positions.prepare(t, StreamPositions.Start.NOW);
      ctx.store().save(new JobState.Delta.StreamPrepared(t, fresh.streamArn(), fresh.shards()));
      ctx.store().save(new JobState.Delta.StreamConfirmed(t, ctx.clock().millis()));
      StreamSpooler.discard(ctx.config(), t);
    }
    ctx.progress().restart(t);
    new FullSyncRunner(ctx).copy(t, copy, FullSyncSettings.from(ctx.config()).withExistPolicy(ExistPolicy.DROP));
    JobState now = ctx.store().load(ctx.config().get(ShakeOptions.ID));
    if (!now.table(t).map(TableCheckpoint::done).orElse(false)) {
      return null;
    }
    LOG.info("table {}: copied again; following its stream from the positions recorded before the copy", t);
    return now.stream(t).orElseThrow();
  }
}
