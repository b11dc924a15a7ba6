package io.nimo.shake;

import io.nimo.cli.ExitCode;
import io.nimo.cli.LiveProgress;
import io.nimo.cli.PidLock;
import io.nimo.cli.StartupProbes;
import io.nimo.cli.StopSignals;
import io.nimo.cli.ToolConf;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.metrics.Diagnostics;
import io.nimo.core.metrics.FullSyncStatus;
import io.nimo.core.metrics.IncrSyncStatus;
import io.nimo.core.metrics.StatusServer;
import io.nimo.core.metrics.StatusSettings;
import io.nimo.core.sync.ConfValidator;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.sync.hooks.TableSummary;
import io.nimo.core.sync.plan.PlanJob;
import io.nimo.core.sync.plan.TablePlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nimo-shake command: loads and validates the conf, then runs a {@link SyncJob}. Exit codes: 0
 * done (or already done), 1 a table failed, 2 bad arguments or config, 3 stopped by a signal before
 * completion (resumable), 4 another run of the same job holds the lock, 5 an endpoint could not be
 * reached at start-up (nothing was read or written).
 */
final class NimoShakeCli {
  static final int CONFIG = ExitCode.CONFIG.code();
  static final int UNREACHABLE = ExitCode.UNREACHABLE.code();

  private static final Logger LOG = LoggerFactory.getLogger(NimoShakeCli.class);
  private static final ToolConf TOOL =
      new ToolConf(
          "nimo-shake",
          "copy DynamoDB tables to PolarDB-DDB or another DynamoDB-API target\n"
              + "       --plan -conf=FILE: what copying each table would take (items and bytes,"
              + " Scan segments, calls,\n"
              + "       read units and duration at qps.full, an export's size and cost, stream and"
              + " point-in-time\n"
              + "       recovery, what full.source would do), from reads only: nothing is written",
          ShakeOptions.ALL,
          List.of(),
          "0 done, 1 a table failed, 2 bad config (nothing was contacted), 3 stopped before"
              + " completion (re-run resumes), 4 another run of the same id is active, 5 an endpoint"
              + " could not be reached at start-up (preflight.timeout)",
          ConfValidator::sync);
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  NimoShakeCli(PrintStream out, PrintStream err) {
    this(out, err, System.console() != null);
  }

  /**
   * A CLI writing to the given streams; {@code terminal} shows a live progress line instead of
   * periodic info lines on the console.
   */
  NimoShakeCli(PrintStream out, PrintStream err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  int run(String[] args) {
    return TOOL.execute(args, out, err, terminal, this::locked, this::plan);
  }

  private ExitCode locked(Configuration conf) throws Exception {
    Path pid = PidFile.from(conf).path();
    PidLock lock;
    try {
      lock = PidLock.acquire(pid);
    } catch (IllegalStateException locked) {
      LOG.error("{}", locked.getMessage());
      err.println("nimo-shake: " + locked.getMessage());
      return ExitCode.LOCKED;
    }
    try (lock) {
      if (!StartupProbes.pass("nimo-shake", conf, true, err)) {
        return ExitCode.UNREACHABLE;
      }
      return runJob(conf);
    }
  }

  /** {@code --plan}: reads only, so no lock, no status pages, no checkpoint. */
  private ExitCode plan(Configuration conf) {
    try (PlanJob job = PlanJob.builder(conf).build()) {
      List<TablePlan> plans = job.run();
      String text = job.describe(plans);
      // the plan goes to stdout only: the console log would print it twice
      LOG.debug("{}", text);
      out.print(text);
      out.flush();
      return ExitCode.OK;
    }
  }

  private ExitCode runJob(Configuration conf) throws Exception {
    StatusSettings ports = StatusSettings.from(conf);
    try (SyncJob job = SyncJob.builder(conf).build();
        StatusServer full = startStatus(ports, job);
        StatusServer incr = startIncrStatus(ports, job);
        StatusServer diagnostics = startDiagnostics(ports, job)) {
      StopSignals.install(job::stop, ExitCode.STOPPED.code());
      SyncReport report;
      if (terminal) {
        try (LiveProgress live =
            LiveProgress.start(
                out,
                job.progress()::snapshot,
                () ->
                    job.streamProgress().values().stream()
                        .map(p -> p.snapshot(System.currentTimeMillis()))
                        .toList())) {
          report = job.run();
        }
      } else {
        report = job.run();
      }
      printSummary(report);
      return switch (report.outcome()) {
        case COMPLETED, ALREADY_COMPLETED, INCREMENTAL_STOPPED -> ExitCode.OK;
        case STOPPED -> ExitCode.STOPPED;
        case FAILED -> ExitCode.FAILED;
      };
    }
  }

  private StatusServer startStatus(StatusSettings ports, SyncJob job) throws java.io.IOException {
    int port = ports.fullPort();
    if (port < 0) {
      return null;
    }
    FullSyncStatus status = new FullSyncStatus(job.progress());
    Map<String, Supplier<StatusServer.Response>> routes = new LinkedHashMap<>();
    routes.put("/progress", () -> StatusServer.Response.json(status.progressJson()));
    routes.put("/metrics", () -> StatusServer.Response.text(status.prometheus()));
    return StatusServer.start(ports.bind(), port, routes);
  }

  /**
   * {@code system_profile}: the original's pprof port, here thread dump, memory and queues. Only a
   * diagnostic aid: a port that is taken is logged and the sync goes on without it.
   */
  private StatusServer startDiagnostics(StatusSettings ports, SyncJob job) {
    int port = ports.diagnosticsPort();
    if (port < 0) {
      return null;
    }
    try {
      return StatusServer.start(ports.bind(), port, Diagnostics.routes(job.progress()));
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn(
          "diagnostics endpoint (system_profile = {}) not started: {}; the sync goes on without it",
          port,
          e.getMessage());
      return null;
    }
  }

  private StatusServer startIncrStatus(StatusSettings ports, SyncJob job)
      throws java.io.IOException {
    int port = ports.incrPort();
    if (port < 0) {
      return null;
    }
    IncrSyncStatus status = new IncrSyncStatus(job.streamProgress());
    Map<String, Supplier<StatusServer.Response>> routes = new LinkedHashMap<>();
    routes.put("/metric", () -> StatusServer.Response.json(status.metricJson()));
    routes.put("/metrics", () -> StatusServer.Response.text(status.prometheus()));
    return StatusServer.start(ports.bind(), port, routes);
  }

  private void printSummary(SyncReport report) {
    StringBuilder b =
        new StringBuilder("\n==== nimo-shake summary: ")
            .append(report.outcome())
            .append(" — ")
            .append(report.message())
            .append('\n');
    for (TableSummary t : report.tables()) {
      b.append("  ").append(t).append('\n');
    }
    report.streams().forEach(st -> b.append("  ").append(st).append('\n'));
    b.append(
        String.format(
            "  TOTAL %d table(s): written=%d failed=%d%n",
            report.tables().size(),
            report.tables().stream().mapToLong(t -> t.progress().totalWritten()).sum(),
            report.tables().stream().mapToLong(t -> t.progress().failed()).sum()));
    LOG.info(b.toString());
    if (terminal) {
      // the console shows warnings only while the live line runs: the summary goes there too
      out.print(b);
    }
  }

  static String help() {
    return TOOL.help();
  }
}
