package io.nimo.core.sync;

import io.nimo.core.checkpoint.JobState;
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
    var c = ctx.config();
    FullSyncSettings settings = FullSyncSettings.from(c);
    ScanSettings scan = new ScanSettings(c.get(ShakeOptions.QPS_FULL_BATCH),
        c.get(ShakeOptions.FULL_FILTER_EXPRESSION), FilterValues.parse(c.get(ShakeOptions.FULL_FILTER_VALUES)));
    SourceTables describer = new SourceTables(ctx.source(), ctx.sourceRetrier());
    ExecutorService pool = Executors.newFixedThreadPool(c.get(ShakeOptions.FULL_CONCURRENCY),
        new NamedThreadFactory("nimo-full-table"));
    Map<String, Future<?>> futures = new LinkedHashMap<>();
    Map<String, String> errors = new ConcurrentHashMap<>();
    try {
      for (String t : tables) {
        futures.put(t, pool.submit(() -> {
          if (ctx.stopRequested().get()) {
            return;
          }
          TableProgress p = ctx.progress().register(t);
          try {
            TableScanner scanner = new TableScanner(ctx.source(), ctx.sourceRetrier(),
                QpsLimiter.system(c.get(ShakeOptions.QPS_FULL)), scan);
            new TableFullSync(describer.describe(t), ctx.targets().table(t), scanner, ctx.store(), settings, p,
                ctx.transformer(), ctx.listener(), ctx.stopRequested()).run(state.table(t).orElse(null));
            ctx.listener().onTableFinished(new TableSummary(p.snapshot(), null));
          } catch (Exception e) {
            p.state(TableProgress.State.FAILED);
            errors.put(t, String.valueOf(e.getMessage()));
            LOG.error("table {} failed: {}", t, e.getMessage(), e);
            ctx.stopRequested().set(true);
            ctx.listener().onTableFinished(new TableSummary(p.snapshot(), String.valueOf(e.getMessage())));
          }
        }));
      }
      TableTasks.awaitAll(futures, errors);
    } finally {
      pool.shutdownNow();
    }
    return errors;
  }
}
