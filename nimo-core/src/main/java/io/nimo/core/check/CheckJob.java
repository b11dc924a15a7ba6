package io.nimo.core.check;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.FilterValues;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.ScanSettings;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.TableFilter;
import io.nimo.core.source.TableScanner;
import io.nimo.core.wiring.JobComponents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    int segments = c.get(ShakeOptions.FULL_READ_CONCURRENCY);
    this.parts = b.parts.sourceConnections(segments + 4).build();
    ScanSettings scan =
        new ScanSettings(
            c.get(ShakeOptions.QPS_FULL_BATCH),
            c.get(ShakeOptions.FULL_FILTER_EXPRESSION),
            FilterValues.parse(c.get(ShakeOptions.FULL_FILTER_VALUES)));
    this.settings =
        new CheckSettings(
            b.diffDirectory,
            b.sample,
            b.findExtras,
            segments,
            b.recheckAfter,
            scan,
            c.get(ShakeOptions.QPS_FULL),
            c.get(ShakeOptions.FILTER_WHITE),
            c.get(ShakeOptions.FILTER_BLACK));
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
   * Checks every selected table, one after another, and blocks until done or stopped.
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
    SourceTables describer = new SourceTables(source, retrier);
    List<TableCheck> results = new ArrayList<>();
    for (String t : tables) {
      if (stopped.get()) {
        break;
      }
      TableScanner scanner =
          new TableScanner(source, retrier, QpsLimiter.system(settings.scanQps()), settings.scan());
      try {
        results.add(
            new TableChecker(source, retrier, scanner, settings, stopped, parts.timing())
                .check(describer.describe(t), parts.targets().table(t)));
      } catch (Exception e) {
        LOG.error("checking table {} failed: {}", t, e.getMessage(), e);
        results.add(new TableCheck(t, 0, 0, 0, 0, null, String.valueOf(e.getMessage())));
      }
    }
    return new CheckReport(results, stopped.get());
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

    private Builder(Configuration config) {
      ShakeOptions.validate(config);
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
     * Creates the check; no I/O happens until {@link #run()}.
     *
     * @return the check
     */
    public CheckJob build() {
      return new CheckJob(this);
    }
  }
}
