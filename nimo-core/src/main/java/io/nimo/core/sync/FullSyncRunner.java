package io.nimo.core.sync;

import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.config.FilterValues;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.ScanSettings;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.TableScanner;
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
final class FullSyncRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FullSyncRunner.class);
  private final JobContext ctx;

  FullSyncRunner(JobContext ctx) {
    this.ctx = ctx;
  }

  /** Returns the error of each failed table; the first failure stops the other tables (checkpointed). */
  Map<String, String> run(List<String> tables, JobState state) throws InterruptedException {
    FullSyncSettings settings = FullSyncSettings.from(ctx.config());
    ExecutorService pool = Executors.newFixedThreadPool(ctx.config().get(ShakeOptions.FULL_CONCURRENCY),
        new NamedThreadFactory("nimo-full-table"));
    Map<String, Future<?>> futures = new LinkedHashMap<>();
    Map<String, String> errors = new ConcurrentHashMap<>();
    try {
      for (String t : tables) {
        futures.put(t, pool.submit(() -> {
          if (ctx.stopRequested().get()) {
            return;
          }
          try {
            copy(t, state.table(t).orElse(null), settings);
          } catch (Exception e) {
            errors.put(t, String.valueOf(e.getMessage()));
            ctx.stopRequested().set(true);
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
   * Copies one table from its checkpoint ({@code null} = from scratch) and reports it to the
   * listener; a failure is logged, marked on the table's progress and rethrown.
   */
  void copy(String t, TableCheckpoint from, FullSyncSettings settings) throws Exception {
    var c = ctx.config();
    TableProgress p = ctx.progress().register(t);
    try {
      ScanSettings scan = new ScanSettings(c.get(ShakeOptions.QPS_FULL_BATCH),
          c.get(ShakeOptions.FULL_FILTER_EXPRESSION), FilterValues.parse(c.get(ShakeOptions.FULL_FILTER_VALUES)));
      TableScanner scanner = new TableScanner(ctx.source(), ctx.sourceRetrier(),
          QpsLimiter.system(c.get(ShakeOptions.QPS_FULL)), scan);
      SourceTables describer = new SourceTables(ctx.source(), ctx.sourceRetrier());
      new TableFullSync(describer.describe(t), ctx.targets().table(t), scanner, ctx.store(), settings, p,
          ctx.transformer(), ctx.listener(), ctx.stopRequested()).run(from);
      ctx.listener().onTableFinished(new TableSummary(p.snapshot(), null));
    } catch (Exception e) {
      p.state(TableProgress.State.FAILED);
      LOG.error("table {} failed: {}", t, e.getMessage(), e);
      ctx.listener().onTableFinished(new TableSummary(p.snapshot(), String.valueOf(e.getMessage())));
      throw e;
    }
  }
}
