package io.nimo.core.sync.incr;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.StreamCheckpoint;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.concurrent.TableTasks;
import io.nimo.core.config.ExistPolicy;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.source.TableFilter;
import io.nimo.core.source.stream.StreamPositionLostException;
import io.nimo.core.source.stream.StreamPositions;
import io.nimo.core.sync.full.BulkSources;
import io.nimo.core.sync.full.FullSyncRunner;
import io.nimo.core.sync.full.FullSyncSettings;
import io.nimo.core.sync.run.SourceSide;
import io.nimo.core.sync.run.SyncRun;
import io.nimo.core.sync.spool.SpoolReplayer;
import io.nimo.core.sync.spool.SpoolSettings;
import io.nimo.core.sync.spool.StreamSpooler;
import io.nimo.core.sync.stream.IncrSettings;
import io.nimo.core.sync.stream.TableStreamSync;
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
public final class IncrementalRunner {
  private static final Logger LOG = LoggerFactory.getLogger(IncrementalRunner.class);
  private static final long NEW_TABLE_CHECK_MILLIS = 30_000;
  private final SourceSide source;
  private final TargetSession targets;
  private final CheckpointStore store;
  private final Timing timing;
  private final IncrSettings settings;
  private final SpoolSettings spool;
  private final FullSyncSettings full;
  private final SyncRun run;

  /**
   * A runner.
   *
   * @param source the source's tables, streams and retrier
   * @param targets the target's tables
   * @param store where positions and copies are kept
   * @param timing the job's clock and sleeper
   * @param settings the incremental tuning
   * @param spool where spooled changes are replayed from
   * @param full how a table whose position was lost is copied again
   * @param run the run's hooks and live state
   */
  public IncrementalRunner(
      SourceSide source,
      TargetSession targets,
      CheckpointStore store,
      Timing timing,
      IncrSettings settings,
      SpoolSettings spool,
      FullSyncSettings full,
      SyncRun run) {
    this.source = source;
    this.targets = targets;
    this.store = store;
    this.timing = timing;
    this.settings = settings;
    this.spool = spool;
    this.full = full;
    this.run = run;
  }

  /**
   * Follows every table's stream until stopped.
   *
   * @param state the loaded checkpoint
   * @return the error of each failed table once every table has stopped
   * @throws InterruptedException if interrupted
   */
  public Map<String, String> run(List<String> tables, JobState state) throws InterruptedException {
    LOG.info("------------------------start incr sync------------------------");
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, tables.size()), new NamedThreadFactory("nimo-incr-table"));
    Map<String, Future<?>> futures = new LinkedHashMap<>();
    Map<String, String> errors = new ConcurrentHashMap<>();
    try {
      for (String t : tables) {
        StreamProgress p = run.streamProgress().computeIfAbsent(t, StreamProgress::new);
        futures.put(
            t,
            pool.submit(
                () -> {
                  run.listener().onIncrementalStarted(t);
                  String error = null;
                  try {
                    follow(
                        t,
                        state.stream(t)
                            .orElseThrow(
                                () ->
                                    new IllegalStateException(
                                        "no stream positions recorded for table " + t)),
                        state.table(t).orElse(null),
                        p);
                  } catch (Exception e) {
                    error = String.valueOf(e.getMessage());
                    errors.put(t, error);
                    LOG.error("incremental sync of table {} stopped: {}", t, e.getMessage(), e);
                  }
                  run.listener().onIncrementalStopped(t, error);
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
   * While tables are followed: logs a status line per table every {@code progress.log_interval} and
   * reports (once) tables that appear on the source after the start, which this run does not sync.
   */
  private void watch(List<String> tables, Map<String, Future<?>> futures)
      throws InterruptedException {
    long interval = settings.progressInterval().toMillis();
    Set<String> reported = new HashSet<>(tables);
    TableFilter filter = TableFilter.parse("", settings.blackList());
    long nextListing = 0;
    long nextLog = timing.clock().millis() + interval;
    while (futures.values().stream().anyMatch(f -> !f.isDone())) {
      // short naps: the run ends as soon as every table has stopped, not at the next status line
      timing.sleeper().sleep(java.time.Duration.ofMillis(Math.min(200, Math.max(100, interval))));
      long now = timing.clock().millis();
      if (now < nextLog) {
        continue;
      }
      nextLog = now + interval;
      for (String t : tables) {
        StreamProgress p = run.streamProgress().get(t);
        if (p != null && !futures.get(t).isDone()) {
          StreamProgress.Snapshot s = p.snapshot(now);
          LOG.info(
              "[stage=incr, table={}] read={} applied={} ttl_deletes={} open_shards={} lag={}",
              t,
              s.read(),
              s.applied(),
              s.ttlDeletes(),
              s.openShards(),
              s.lagMillis() < 0 ? "-" : s.lagMillis() + "ms");
          run.listener().onStreamProgress(s);
        }
      }
      if (now >= nextListing && settings.watchNewTables()) {
        nextListing = now + NEW_TABLE_CHECK_MILLIS;
        try {
          for (String t : filter.select(source.tables().listTables())) {
            if (reported.add(t)) {
              LOG.warn(
                  "table {} appeared on the source after this sync started and is NOT synced; run a new job "
                      + "(or restart this one with a fresh checkpoint) to include it",
                  t);
            }
          }
        } catch (RuntimeException e) {
          LOG.debug("listing source tables failed: {}", e.getMessage());
        }
      }
    }
  }

  /**
   * Follows one table's stream. A lost position (trimmed, or a new stream) stops the table unless
   * {@code incr.on_trimmed = resync}: then the table is copied again from new stream positions,
   * durably marked first so that a crash mid-copy resumes the copy, never skips it.
   */
  private void follow(String t, StreamCheckpoint start, TableCheckpoint copy, StreamProgress p)
      throws Exception {
    while (!run.stopping()) {
      if (copy != null && !copy.done()) {
        start = recopy(t, copy);
        if (start == null) {
          return;
        }
      }
      KeySchema keys =
          source
              .retrier()
              .call("DescribeTable " + t, () -> source.tables().describeTable(t))
              .schema()
              .key();
      Target target = targets.table(t, keys);
      SpoolReplayer replayer =
          new SpoolReplayer(
              spool.tableDir(t),
              target,
              settings.reader().recordsPerCall(),
              settings.checkpointInterval(),
              p,
              timing.clock(),
              run::stopping);
      try {
        new TableStreamSync(
                t,
                keys,
                source,
                store,
                timing.clock(),
                TargetSink.replaying(target, replayer),
                settings,
                p,
                run.stopRequested())
            .run(start);
        return;
      } catch (StreamPositionLostException lost) {
        if (!settings.resyncOnTrimmed()) {
          throw lost;
        }
        LOG.warn(
            "table {}: {}; incr.on_trimmed = resync: copying the table again",
            t,
            lost.getMessage());
        run.listener().onResync(t, lost.getMessage());
        store.save(new JobState.Delta.TableReset(t));
        copy = new TableCheckpoint(t, false, 0, Map.of(), false);
      }
    }
  }

  /**
   * Copies a table again: new stream positions first (unless the copy already began with them),
   * then a full copy into a dropped and recreated target table. Returns the positions to follow, or
   * {@code null} if the job was stopped meanwhile.
   */
  private StreamCheckpoint recopy(String t, TableCheckpoint copy) throws Exception {
    if (!copy.prepared()) {
      new StreamStarts(source, store, timing.clock(), settings.startProbe())
          .record(t, StreamPositions.Start.NOW);
      StreamSpooler.discard(spool, t);
    }
    run.progress().restart(t);
    // a resync Scans: its stream positions are of now, and an export would be older
    new FullSyncRunner(
            source.tables(),
            source.retrier(),
            targets,
            store,
            timing.clock(),
            full,
            run,
            BulkSources.scanning(source.tables(), source.retrier()))
        .copy(t, copy, full.withExistPolicy(ExistPolicy.DROP));
    JobState now = store.load(settings.jobId());
    if (!now.table(t).map(TableCheckpoint::done).orElse(false)) {
      return null;
    }
    LOG.info(
        "table {}: copied again; following its stream from the positions recorded before the copy",
        t);
    return now.stream(t).orElseThrow();
  }
}
