package io.nimo.core.sync.full;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.SegmentCheckpoint;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.config.ExistPolicy;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetPreparation;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.source.SourceTable;
import io.nimo.core.sync.run.SyncRun;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full sync of one table: prepares the target table (unless a checkpoint says it was), runs the
 * {@link TablePipeline} from the checkpointed segment positions, persists progress every checkpoint
 * interval and once more at the end, whatever the outcome.
 */
final class TableFullSync {
  private static final Logger LOG = LoggerFactory.getLogger(TableFullSync.class);

  /** How long a stop waits for in-flight pages and batches before interrupting them. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /**
   * How long interrupted work may take to end: a driver call blocked on a socket (an endpoint that
   * accepts but never answers) does not end on an interrupt, so the stop leaves it behind.
   */
  static final Duration ABORT_GRACE = Duration.ofSeconds(3);

  private final SourceTable source;
  private final Target target;
  private final BulkPlan plan;
  private final BridgeApplier bridge;
  private final CheckpointStore store;
  private final FullSyncSettings settings;
  private final TableProgress progress;
  private final SyncRun run;
  private final Clock clock;

  TableFullSync(
      SourceTable source,
      Target target,
      BulkPlan plan,
      BridgeApplier bridge,
      CheckpointStore store,
      FullSyncSettings settings,
      TableProgress progress,
      SyncRun run,
      Clock clock) {
    this.source = source;
    this.target = target;
    this.plan = plan;
    this.bridge = bridge;
    this.store = store;
    this.settings = settings;
    this.progress = progress;
    this.run = run;
    this.clock = clock;
  }

  /** Runs to completion, to a requested stop, or to the first failure (rethrown). */
  void run(TableCheckpoint resumeFrom) throws Exception {
    String table = source.name();
    TableCheckpoint cp = resumeFrom;
    run.listener().onTableStarted(table);
    if (cp == null || !cp.prepared()) {
      progress.state(TableProgress.State.PREPARING);
      PrepareResult prepared = prepare(table, cp != null);
      prepared.notes().forEach(progress::note);
      store.save(new JobState.Delta.TablePrepared(table, plan.totalSegments(), plan.origin()));
      cp = TableCheckpoint.prepared(table, plan.totalSegments(), plan.origin());
    } else {
      LOG.info(
          "table {}: resuming from checkpoint ({} items already written, {} of {} segments done)",
          table,
          cp.itemsWritten(),
          cp.segments().values().stream().filter(SegmentCheckpoint::done).count(),
          cp.totalSegments());
    }
    progress.estimate(
        plan.expectedItems() >= 0 ? plan.expectedItems() : source.approximateItems(),
        cp.itemsWritten());
    if (cp.done() || settings.schemaOnly()) {
      finish(table, cp.done());
      return;
    }
    progress.state(TableProgress.State.RUNNING);
    SegmentTracker tracker = new SegmentTracker(cp);
    TablePipeline pipeline =
        new TablePipeline(
            table, source.keySchema(), plan.reader(), target, tracker, progress, settings, run);
    CompletableFuture<Void> done = pipeline.start(plan.bulkSegments());
    awaitWithCheckpoints(done, tracker, table, pipeline);
    flush(tracker, table);
    if (pipeline.failure() != null) {
      progress.state(TableProgress.State.FAILED);
      throw asException(pipeline.failure());
    }
    if (!plan.bridge().isEmpty() && tracker.doneUpTo(plan.bulkSegments()) && !run.stopping()) {
      progress.note("applying " + plan.bridge().size() + " bridging incremental export(s)");
      try {
        bridge.apply(plan, tracker, run::stopping);
      } finally {
        flush(tracker, table);
      }
    }
    if (tracker.allDone()) {
      finish(table, false);
    } else {
      progress.state(TableProgress.State.STOPPED);
      LOG.info("table {}: stopped; progress is checkpointed and the next run resumes it", table);
    }
  }

  /**
   * Creates the target table. The intent is recorded first, so a run killed between CreateTable and
   * its checkpoint finds the table {@code owned} next time: if it is still empty (nothing is
   * written before the checkpoint) it is recreated instead of refused as someone else's.
   */
  private PrepareResult prepare(String table, boolean owned) {
    if (!owned) {
      store.save(new JobState.Delta.TableReset(table));
    }
    try {
      return TargetPreparation.forCopy(target, source, settings.existPolicy());
    } catch (TargetTableExistsException exists) {
      if (owned && target.scan().findAny().isEmpty()) {
        LOG.info(
            "table {}: the target table was created by an interrupted earlier run and holds no items; "
                + "creating it again",
            table);
        return TargetPreparation.forCopy(target, source, ExistPolicy.DROP);
      }
      if (!owned) {
        store.save(new JobState.Delta.TableForgotten(table));
      }
      throw exists;
    }
  }

  private void finish(String table, boolean alreadyDone) {
    if (!alreadyDone) {
      store.save(new JobState.Delta.TableCompleted(table));
    }
    progress.state(TableProgress.State.DONE);
  }

  private void awaitWithCheckpoints(
      CompletableFuture<Void> done, SegmentTracker tracker, String table, TablePipeline pipeline)
      throws InterruptedException {
    long interval = Math.max(50, settings.checkpointInterval().toMillis());
    long nextLog = clock.millis() + settings.progressInterval().toMillis();
    long stopSeen = 0;
    long abortedAt = 0;
    boolean aborting = false;
    while (true) {
      try {
        done.get(interval, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        flush(tracker, table);
        if (aborting && clock.millis() - abortedAt > ABORT_GRACE.toMillis()) {
          // what the blocked calls would still write is behind the checkpoint: a rerun repeats it
          LOG.warn(
              "table {}: a call to an endpoint is still blocked {} s after the interrupt; leaving it"
                  + " behind",
              table,
              ABORT_GRACE.toSeconds());
          return;
        }
        if (run.stopping()) {
          stopSeen = stopSeen == 0 ? clock.millis() : stopSeen;
          if (clock.millis() - stopSeen > STOP_GRACE.toMillis() && !aborting) {
            aborting = true;
            abortedAt = clock.millis();
            LOG.warn(
                "table {}: in-flight work did not finish within {} s of the stop request; interrupting it "
                    + "(the next run repeats what was not checkpointed)",
                table,
                STOP_GRACE.toSeconds());
            pipeline.abort();
          }
        }
        if (clock.millis() >= nextLog) {
          TableProgress.Snapshot snapshot = progress.snapshot();
          ProgressLine.log(snapshot);
          run.listener().onProgress(snapshot);
          nextLog = clock.millis() + settings.progressInterval().toMillis();
        }
      } catch (ExecutionException e) {
        return;
      }
    }
  }

  private void flush(SegmentTracker tracker, String table) {
    progress.segments(tracker.counts());
    List<SegmentCheckpoint> moved = tracker.drainDirty();
    if (!moved.isEmpty()) {
      store.save(new JobState.Delta.SegmentsAdvanced(table, moved));
    }
  }

  private static Exception asException(Throwable t) {
    return t instanceof Exception e ? e : new IllegalStateException(t);
  }
}
