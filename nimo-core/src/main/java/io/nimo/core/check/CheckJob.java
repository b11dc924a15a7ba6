package io.nimo.core.check;

import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.FilterValues;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.ShakeRules;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.ScanSettings;
import io.nimo.core.source.SourceTable;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.TableFilter;
import io.nimo.core.source.TableScanner;
import io.nimo.core.wiring.JobComponents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the selected source tables with the target item by item (DynamoDB semantics: numbers by
 * value, sets unordered) and writes a diff report per table that {@link RepairJob} can fix. Built
 * from the same configuration as the sync (source, target, table filter, {@code qps.full}, {@code
 * qps.full.batch_num}, {@code full.read.concurrency}):
 *
 * <pre>{@code
 * try (CheckJob check = CheckJob.builder(conf).diffDirectory(Path.of("nimo-full-check-diff")).build()) {
 *   CheckReport report = check.run();
 *   if (!report.consistent()) { ... }
 * }
 * }</pre>
 *
 * It can run while the incremental sync is live: an item changed on the source just before the
 * check read it may not have reached the target yet, so {@link Builder#recheckAfter} compares the
 * differences once more after a pause and keeps only those that persist.
 */
public final class CheckJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CheckJob.class);
  private final JobComponents parts;
  private final CheckSettings settings;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private CheckJob(Builder b) {
    Configuration c = b.config;
    int segments = c.get(FullSyncOptions.FULL_READ_CONCURRENCY);
    this.parts = b.parts.sourceConnections(segments + 4).build();
    ScanSettings scan =
        new ScanSettings(
            c.get(SourceOptions.QPS_FULL_BATCH),
            c.get(FullSyncOptions.FULL_FILTER_EXPRESSION),
            FilterValues.parse(c.get(FullSyncOptions.FULL_FILTER_VALUES)));
    this.settings =
        new CheckSettings(
            b.diffDirectory,
            b.sample,
            b.findExtras,
            segments,
            b.recheckAfter,
            scan,
            c.get(SourceOptions.QPS_FULL),
            c.get(SourceOptions.FILTER_WHITE),
            c.get(SourceOptions.FILTER_BLACK),
            b.parallelTables);
  }

  /**
   * A builder over a validated configuration (the sync's keys).
   *
   * @param config the configuration
   * @return a builder over a validated configuration (the sync's keys)
   */
  public static Builder builder(Configuration config) {
    return new Builder(config);
  }

  /** Ends the check early (non-blocking); the report then says it stopped. */
  public void stop() {
    stopped.set(true);
  }

  /**
   * Checks every selected table ({@link Builder#parallelTables} at a time, each with parallel Scan
   * segments) and blocks until done or stopped. Reports of an earlier run in the same directory are
   * moved aside first, so a report never mixes two runs.
   *
   * @return what was found, per table
   */
  public CheckReport run() {
    Retrier retrier = parts.sourceRetrier();
    DynamoApi source = parts.source();
    List<String> tables =
        TableFilter.parse(settings.whiteList(), settings.blackList())
            .select(retrier.call("ListTables", source::listTables));
    LOG.info(
        "checking {} table(s) into {}: {}",
        tables.size(),
        settings.diffDirectory().toAbsolutePath(),
        tables);
    Path moved = DiffFiles.rotate(settings.diffDirectory(), parts.clock());
    if (moved != null) {
      LOG.info("the previous diff reports were moved to {}", moved.toAbsolutePath());
    }
    SourceTables describer = new SourceTables(source, retrier);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(settings.parallelTables(), tables.size())),
            new NamedThreadFactory("nimo-check-table"));
    List<Future<TableCheck>> futures = new ArrayList<>();
    try {
      for (String t : tables) {
        futures.add(pool.submit(() -> checkTable(t, describer)));
      }
      List<TableCheck> results = new ArrayList<>();
      for (Future<TableCheck> f : futures) {
        results.add(await(f));
      }
      return new CheckReport(results, stopped.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Checks one table; a failure is that table's result, never the whole check's. */
  private TableCheck checkTable(String t, SourceTables describer) {
    if (stopped.get()) {
      return new TableCheck(t, 0, 0, 0, 0, null, "not checked: the check was stopped");
    }
    Retrier retrier = parts.sourceRetrier();
    TableScanner scanner =
        new TableScanner(
            parts.source(), retrier, QpsLimiter.system(settings.scanQps()), settings.scan());
    try {
      SourceTable source = describer.describe(t);
      return new TableChecker(parts.source(), retrier, scanner, settings, stopped, parts.timing())
          .check(source, parts.targets().table(t, source.keySchema()));
    } catch (Exception e) {
      LOG.error("checking table {} failed: {}", t, e.getMessage(), e);
      return new TableCheck(t, 0, 0, 0, 0, null, String.valueOf(e.getMessage()));
    }
  }

  private static TableCheck await(Future<TableCheck> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    stop();
    parts.close();
    LOG.debug("check closed");
  }

  /** Collects the check's parts; anything not set is created from the configuration. */
  public static final class Builder {
    private final Configuration config;
    private final JobComponents.Builder parts;
    private Path diffDirectory = Path.of("nimo-full-check-diff");
    private long sample;
    private boolean findExtras = true;
    private java.time.Duration recheckAfter = java.time.Duration.ZERO;
    private int parallelTables = 2;

    private Builder(Configuration config) {
      ShakeRules.validate(config);
      this.config = config;
      this.parts = JobComponents.builder(config);
    }

    /**
     * The source endpoint (owned by the check: closed with it).
     *
     * @param source the source
     * @return this builder
     */
    public Builder source(DynamoApi source) {
      parts.source(source);
      return this;
    }

    /**
     * The target (owned by the check).
     *
     * @param targets the target session
     * @return this builder
     */
    public Builder target(TargetSession targets) {
      parts.target(targets);
      return this;
    }

    /**
     * Where the per-table reports {@code <table>.jsonl} go (default {@code nimo-full-check-diff}).
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder diffDirectory(Path dir) {
      this.diffDirectory = dir;
      return this;
    }

    /**
     * Compares about this many items per table, chosen by key; 0 (the default) compares every item.
     *
     * @param itemsPerTable items to compare per table
     * @return this builder
     */
    public Builder sample(long itemsPerTable) {
      if (itemsPerTable < 0) {
        throw new IllegalArgumentException(
            "sample must be 0 (all) or positive, not " + itemsPerTable);
      }
      this.sample = itemsPerTable;
      return this;
    }

    /**
     * Compares the differences found once more after this pause, keeping only those that persist:
     * for checks while the incremental sync is live (default zero: no recheck).
     *
     * @param pause how long to let the sync catch up, e.g. a few times its lag
     * @return this builder
     */
    public Builder recheckAfter(java.time.Duration pause) {
      if (pause.isNegative()) {
        throw new IllegalArgumentException("recheckAfter must not be negative");
      }
      this.recheckAfter = pause;
      return this;
    }

    /**
     * Whether a full check also looks for target items missing on the source (default true).
     *
     * @param findExtras whether to look for them
     * @return this builder
     */
    public Builder findExtras(boolean findExtras) {
      this.findExtras = findExtras;
      return this;
    }

    /**
     * How many tables are checked at the same time (each with its own parallel Scan segments).
     *
     * @param tables at least 1; default 2
     * @return this builder
     */
    public Builder parallelTables(int tables) {
      if (tables < 1) {
        throw new IllegalArgumentException("parallelTables must be at least 1, got " + tables);
      }
      this.parallelTables = tables;
      return this;
    }

    /**
     * Creates the check; no I/O happens until {@link #run()}.
     *
     * @return the check
     */
    public CheckJob build() {
      return new CheckJob(this);
    }
  }
}
