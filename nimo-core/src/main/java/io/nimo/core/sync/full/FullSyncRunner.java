package io.nimo.core.sync.full;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.concurrent.TableTasks;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.source.SourceTable;
import io.nimo.core.source.SourceTables;
import io.nimo.core.sync.hooks.TableSummary;
import io.nimo.core.sync.run.SyncRun;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the full sync of the selected tables, {@code full.concurrency} at a time. */
public final class FullSyncRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FullSyncRunner.class);
  private final DynamoClient source;
  private final Retrier sourceRetrier;
  private final TargetSession targets;
  private final CheckpointStore store;
  private final Clock clock;
  private final FullSyncSettings settings;
  private final SyncRun run;
  private final BulkSources bulk;

  /**
   * A runner.
   *
   * @param source the source's tables
   * @param sourceRetrier retries source calls
   * @param targets the target's tables
   * @param store where segment progress is kept
   * @param clock the job's clock
   * @param settings the full-sync tuning
   * @param run the run's hooks and live state
   * @param bulk where each table's bulk copy reads (Scan or export)
   */
  public FullSyncRunner(
      DynamoClient source,
      Retrier sourceRetrier,
      TargetSession targets,
      CheckpointStore store,
      Clock clock,
      FullSyncSettings settings,
      SyncRun run,
      BulkSources bulk) {
    this.bulk = bulk;
    this.source = source;
    this.sourceRetrier = sourceRetrier;
    this.targets = targets;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.run = run;
  }

  /**
   * Copies the tables from their checkpoints; the first failure stops the other tables
   * (checkpointed).
   *
   * @param state the loaded checkpoint
   * @return the error of each failed table
   * @throws InterruptedException if interrupted
   */
  public Map<String, String> run(List<String> tables, JobState state) throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(settings.tables(), new NamedThreadFactory("nimo-full-table"));
    Map<String, Future<?>> futures = new LinkedHashMap<>();
    Map<String, String> errors = new ConcurrentHashMap<>();
    try {
      for (String t : tables) {
        futures.put(
            t,
            pool.submit(
                () -> {
                  if (run.stopping()) {
                    return;
                  }
                  try {
                    copy(t, state.table(t).orElse(null), settings);
                  } catch (Exception e) {
                    errors.put(t, String.valueOf(e.getMessage()));
                    run.stopRequested().set(true);
                  }
                }));
      }
      TableTasks.awaitAll(futures, errors);
    } finally {
      pool.shutdownNow();
    }
    return errors;
  }

  /**
   * Copies one table from its checkpoint and reports it to the listener; a failure is logged,
   * marked on the table's progress and rethrown.
   *
   * @param from its checkpoint, or {@code null} to copy from scratch
   * @param tuning the settings for this copy
   * @throws Exception the table's failure
   */
  public void copy(String t, TableCheckpoint from, FullSyncSettings tuning) throws Exception {
    TableProgress p = run.progress().register(t);
    try {
      SourceTable table = new SourceTables(this.source, sourceRetrier).describe(t);
      BulkPlan plan = bulk.plan(t, from, tuning, p::activity);
      p.activity("");
      if (!plan.bridge().isEmpty() || plan.expectedItems() >= 0) {
        p.note(
            "read from "
                + plan.origin()
                + (plan.bridge().isEmpty()
                    ? ""
                    : " ("
                        + plan.bridge().size()
                        + " incremental export(s) bridge to the stream)"));
      }
      Target target = targets.table(t, table.keySchema());
      BridgeApplier bridge =
          plan.bridge().isEmpty()
              ? null
              : new BridgeApplier(t, target, bulk.store(), Math.max(1, tuning.batchSize()));
      new TableFullSync(table, target, plan, bridge, store, tuning, p, run, clock).run(from);
      run.listener().onTableFinished(new TableSummary(p.snapshot(), null));
    } catch (Exception e) {
      p.state(TableProgress.State.FAILED);
      LOG.error("table {} failed: {}", t, e.getMessage(), e);
      run.listener()
          .onTableFinished(new TableSummary(p.snapshot(), String.valueOf(e.getMessage())));
      throw e;
    }
  }
}
