package io.nimo.shake;

import io.nimo.cli.CliArgs;
import io.nimo.cli.LiveProgress;
import io.nimo.cli.LogSetup;
import io.nimo.cli.PidLock;
import io.nimo.cli.StartupLog;
import io.nimo.cli.StartupProbes;
import io.nimo.cli.StopSignals;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ConfigLoader;
import io.nimo.core.config.ConfigOption;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.ShakeRules;
import io.nimo.core.metrics.Diagnostics;
import io.nimo.core.metrics.FullSyncStatus;
import io.nimo.core.metrics.IncrSyncStatus;
import io.nimo.core.metrics.StatusServer;
import io.nimo.core.sink.TargetProviders;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.sync.hooks.TableSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
  static final int OK = 0;
  static final int FAILED = 1;
  static final int CONFIG = 2;
  static final int STOPPED = 3;
  static final int LOCKED = 4;
  static final int UNREACHABLE = StartupProbes.UNREACHABLE;

  private static final Logger LOG = LoggerFactory.getLogger(NimoShakeCli.class);
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
    CliArgs cli;
    Configuration conf;
    try {
      cli = CliArgs.parse(args, "nimo-shake");
      if (cli.help()) {
        out.print(help());
        return OK;
      }
      if (cli.version()) {
        out.println("nimo-shake " + version());
        return OK;
      }
      conf = ConfigLoader.load(cli.conf(), ShakeOptions.ALL);
      ShakeRules.validate(conf);
      // the target's own keys (its address among them) are checked before a checkpoint is read
      TargetProviders.validated(conf);
    } catch (IllegalArgumentException | ConfigException e) {
      StartupLog.record("nimo-shake", e.getMessage());
      err.println("nimo-shake: " + e.getMessage());
      err.println(
          "usage: nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf   (--help lists every key)");
      return CONFIG;
    }
    LogSetup.apply(
        "nimo-shake",
        conf.get(ShakeOptions.LOG_LEVEL),
        conf.get(ShakeOptions.LOG_FILE),
        conf.get(ShakeOptions.LOG_BUFFER),
        terminal);
    LOG.info("nimo-shake {} starting; conf {}", version(), cli.conf().toAbsolutePath().normalize());
    LOG.info("effective configuration (secrets masked): {}", conf.masked());
    String pidDir = conf.get(ShakeOptions.PID_PATH);
    Path pid =
        (pidDir.isBlank() ? Path.of(".") : Path.of(pidDir))
            .resolve(conf.get(ShakeOptions.ID) + ".pid");
    try (PidLock lock = PidLock.acquire(pid)) {
      if (!StartupProbes.pass("nimo-shake", conf, true, err)) {
        return UNREACHABLE;
      }
      return runJob(conf);
    } catch (IllegalStateException locked) {
      LOG.error("{}", locked.getMessage());
      err.println("nimo-shake: " + locked.getMessage());
      return LOCKED;
    } catch (ConfigException e) {
      LOG.error("configuration error: {}", e.getMessage());
      err.println("nimo-shake: " + e.getMessage());
      return CONFIG;
    } catch (Exception e) {
      LOG.error("nimo-shake failed: {}", e.getMessage(), e);
      err.println("nimo-shake: " + e.getMessage());
      return FAILED;
    }
  }

  private int runJob(Configuration conf) throws Exception {
    try (SyncJob job = SyncJob.builder(conf).build();
        StatusServer full = startStatus(conf, job);
        StatusServer incr = startIncrStatus(conf, job);
        StatusServer diagnostics = startDiagnostics(conf, job)) {
      StopSignals.install(job::stop, STOPPED);
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
        case COMPLETED, ALREADY_COMPLETED, INCREMENTAL_STOPPED -> OK;
        case STOPPED -> STOPPED;
        case FAILED -> FAILED;
      };
    }
  }

  private StatusServer startStatus(Configuration conf, SyncJob job) throws java.io.IOException {
    int port = conf.get(ShakeOptions.FULL_HTTP_PORT);
    if (port < 0) {
      return null;
    }
    FullSyncStatus status = new FullSyncStatus(job.progress());
    Map<String, Supplier<StatusServer.Response>> routes = new LinkedHashMap<>();
    routes.put("/progress", () -> StatusServer.Response.json(status.progressJson()));
    routes.put("/metrics", () -> StatusServer.Response.text(status.prometheus()));
    return StatusServer.start(conf.get(ShakeOptions.HTTP_BIND), port, routes);
  }

  /**
   * {@code system_profile}: the original's pprof port, here thread dump, memory and queues. Only a
   * diagnostic aid: a port that is taken is logged and the sync goes on without it.
   */
  private StatusServer startDiagnostics(Configuration conf, SyncJob job) {
    int port = conf.get(ShakeOptions.SYSTEM_PROFILE);
    if (port < 0) {
      return null;
    }
    try {
      return StatusServer.start(
          conf.get(ShakeOptions.HTTP_BIND), port, Diagnostics.routes(job.progress()));
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn(
          "diagnostics endpoint (system_profile = {}) not started: {}; the sync goes on without it",
          port,
          e.getMessage());
      return null;
    }
  }

  private StatusServer startIncrStatus(Configuration conf, SyncJob job) throws java.io.IOException {
    int port = conf.get(ShakeOptions.INCR_HTTP_PORT);
    if (port < 0 || !conf.get(ShakeOptions.SYNC_MODE).follows()) {
      return null;
    }
    IncrSyncStatus status = new IncrSyncStatus(job.streamProgress());
    Map<String, Supplier<StatusServer.Response>> routes = new LinkedHashMap<>();
    routes.put("/metric", () -> StatusServer.Response.json(status.metricJson()));
    routes.put("/metrics", () -> StatusServer.Response.text(status.prometheus()));
    return StatusServer.start(conf.get(ShakeOptions.HTTP_BIND), port, routes);
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

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting because of a signal: the hook is running
    }
  }

  static String help() {
    StringBuilder b = new StringBuilder();
    b.append("nimo-shake ")
        .append(version())
        .append(" — copy DynamoDB tables to PolarDB-DDB or another DynamoDB-API target\n\n")
        .append("usage: nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf\n")
        .append("       (also --conf FILE, --help, --version)\n\n")
        .append(
            "exit codes: 0 done, 1 a table failed, 2 bad config, 3 stopped before completion (re-run resumes),")
        .append(
            " 4 another run of the same id is active, 5 an endpoint could not be reached at start-up")
        .append(" (preflight.timeout)\n\nkeys of nimo-shake.conf:\n");
    for (ConfigOption<?> o : ShakeOptions.ALL) {
      b.append(
          String.format(
              "  %-38s %-8s default '%s'%n      %s%n",
              o.key(), o.type(), o.defaultText(), o.doc()));
    }
    return b.toString();
  }

  static String version() {
    String v = NimoShakeCli.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
