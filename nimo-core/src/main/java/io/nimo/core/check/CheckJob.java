package io.nimo.core.check;

import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.Configuration;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.SourceTable;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.TableScanner;
import io.nimo.core.wiring.JobBuilder;
import io.nimo.core.wiring.JobComponents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final CheckMode mode;
  private final CheckEpochStore epochs;

  private CheckJob(Builder b) {
    this.mode = b.mode;
    this.epochs =
        new CheckEpochStore(
            b.stateDirectory != null ? b.stateDirectory : defaultStateDirectory(b.diffDirectory));
    this.settings =
        CheckSettings.from(
            b.configuration(),
            b.diffDirectory,
            b.sample,
            b.findExtras,
            b.recheck,
            b.parallelTables);
    this.parts = b.components().sourceConnections(settings.segments() + 4).build();
  }

  /** A builder over a validated configuration (the sync's keys). */
  public static Builder builder(Configuration config) {
    return new Builder(config);
  }

  /**
   * The default state folder: {@code nimo-full-check-state} beside the diff directory.
   *
   * @return the state folder
   */
  public static Path defaultStateDirectory(Path diffDirectory) {
    return diffDirectory.toAbsolutePath().resolveSibling("nimo-full-check-state");
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
    DynamoClient source = parts.source();
    List<String> tables = settings.tables().select(retrier.call("ListTables", source::listTables));
    Map<String, CheckEpoch> from = mode == CheckMode.CHANGED ? usableEpochs(tables) : Map.of();
    LOG.info(
        "checking {} table(s) ({} mode) into {}: {}",
        tables.size(),
        mode.name().toLowerCase(java.util.Locale.ROOT),
        settings.diffDirectory().toAbsolutePath(),
        tables);
    LOG.info("[stage=check] {}", readPlan());
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
        futures.add(pool.submit(() -> checkTable(t, describer, from.get(t))));
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

  /**
   * Which reads the check makes of the target, and whether it compares differences again before it
   * reports them: one line for the pre-flight.
   *
   * @return the line
   */
  public String readPlan() {
    boolean strong = parts.targets().strongReads();
    return "target reads: "
        + parts.targets().describeReads()
        + "; "
        + settings.recheck().describe(strong);
  }

  /**
   * Every table's usable epoch, checked against its stream now; refuses the whole check, naming
   * each table and reason, before anything is read or the diff folder is touched.
   */
  private Map<String, CheckEpoch> usableEpochs(List<String> tables) {
    ChangedKeyReader reader = changedKeyReader();
    Map<String, CheckEpoch> out = new java.util.HashMap<>();
    List<String> reasons = new ArrayList<>();
    for (String t : tables) {
      CheckEpochStore.Lookup found = epochs.usable(t);
      if (found instanceof CheckEpochStore.Unusable u) {
        reasons.add(u.reason());
      } else if (found instanceof CheckEpochStore.Usable u) {
        try {
          reader.verify(u.epoch());
          out.put(t, u.epoch());
        } catch (EpochUnusableException e) {
          reasons.add(e.reason());
        }
      }
    }
    if (!reasons.isEmpty()) {
      throw new EpochUnusableException("changed mode cannot check: " + String.join("; ", reasons));
    }
    return out;
  }

  private ChangedKeyReader changedKeyReader() {
    return new ChangedKeyReader(
        parts.source(), parts.streams(), parts.sourceRetrier(), parts.clock());
  }

  /** Whether this pass proves every item, so its epoch can serve a later changed check. */
  private boolean provesEveryItem() {
    return mode == CheckMode.FULL && settings.sample() == 0 && settings.findExtras();
  }

  /** Checks one table; a failure is that table's result, never the whole check's. */
  private TableCheck checkTable(String t, SourceTables describer, CheckEpoch epoch) {
    if (stopped.get()) {
      return new TableCheck(t, 0, 0, 0, 0, null, "not checked: the check was stopped");
    }
    Retrier retrier = parts.sourceRetrier();
    TableScanner scanner =
        new TableScanner(
            parts.source(), retrier, QpsLimiter.system(settings.scanQps()), settings.scan());
    try {
      SourceTable source = describer.describe(t);
      if (mode == CheckMode.CHANGED) {
        return new ChangedTableChecker(
                parts.source(), retrier, changedKeyReader(), settings, stopped, parts.timing())
            .check(source, epoch, parts.targets().table(t, source.keySchema()));
      }
      java.util.Optional<CheckEpoch> begun =
          provesEveryItem() ? beginEpoch(t) : java.util.Optional.empty();
      boolean recorded = begun.isPresent();
      ChangedKeyReader stream = changedKeyReader();
      TableCheck result =
          new TableChecker(parts.source(), retrier, scanner, settings, stopped, parts.timing())
              .check(
                  source,
                  parts.targets().table(t, source.keySchema()),
                  begun
                      .<java.util.function.BooleanSupplier>map(e -> () -> stream.changedAtAll(e))
                      .orElse(null));
      if (result.consistent() && recorded) {
        epochs.passed(t);
      } else if (!result.consistent()) {
        epochs.failed(t, result.error() == null);
      }
      return result;
    } catch (EpochUnusableException e) {
      throw e;
    } catch (Exception e) {
      if (mode == CheckMode.FULL) {
        epochs.failed(t, false);
      }
      LOG.error("checking table {} failed: {}", t, e.getMessage(), e);
      return new TableCheck(t, 0, 0, 0, 0, null, String.valueOf(e.getMessage()));
    }
  }

  /** Records where the table's stream stands before the pass reads it; empty if it cannot. */
  private java.util.Optional<CheckEpoch> beginEpoch(String t) {
    try {
      java.util.Optional<CheckEpoch> epoch =
          new EpochRecorder(parts.source(), parts.streams(), parts.sourceRetrier(), parts.clock())
              .record(t);
      epoch.ifPresent(epochs::begin);
      return epoch;
    } catch (RuntimeException e) {
      LOG.warn(
          "[stage=check, table={}] could not record the stream positions ({}): this pass will not"
              + " serve a later mode = changed check",
          t,
          e.getMessage(),
          e);
      return java.util.Optional.empty();
    }
  }

  private static TableCheck await(Future<TableCheck> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof EpochUnusableException refused) {
        throw refused;
      }
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
  public static final class Builder extends JobBuilder<Builder> {
    // an embedder that sets nothing gets what nimo-full-check.conf's defaults say
    private Path diffDirectory = Path.of(CheckOptions.DIFF_OUTPUT.defaultValue());
    private long sample = CheckOptions.SAMPLE.defaultValue();
    private boolean findExtras = CheckOptions.FIND_EXTRAS.defaultValue();
    private Recheck recheck = new Recheck(CheckOptions.RECHECK_AFTER.defaultValue());
    private int parallelTables = CheckOptions.PARALLEL_TABLES.defaultValue();
    private CheckMode mode = CheckMode.of(CheckOptions.MODE.defaultValue());
    private Path stateDirectory;

    private Builder(Configuration config) {
      super(config);
    }

    @Override
    protected Builder self() {
      return this;
    }

    private JobComponents.Builder components() {
      return parts;
    }

    private Configuration configuration() {
      return config;
    }

    /**
     * The source's streams endpoint (owned by the check), read for epochs and changed keys.
     *
     * @param streams the streams endpoint
     * @return this builder
     */
    public Builder streams(io.nimo.core.dynamo.StreamsApi streams) {
      parts.streams(streams);
      return this;
    }

    /**
     * Everything a {@code nimo-full-check.conf} asks: folders, sample, recheck, extras, parallel
     * tables and mode.
     *
     * @param r the request
     * @return this builder
     */
    public Builder request(CheckRequest r) {
      return diffDirectory(r.folders().reports())
          .stateDirectory(r.folders().state())
          .sample(r.sample())
          .recheck(r.recheck())
          .findExtras(r.findExtras())
          .parallelTables(r.parallelTables())
          .mode(r.mode());
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
     * for checks while the incremental sync is live. Zero: no recheck.
     *
     * @param pause how long to let the sync catch up, e.g. a few times its lag
     * @return this builder
     */
    public Builder recheckAfter(java.time.Duration pause) {
      return recheck(Recheck.after(pause));
    }

    /**
     * When the differences found are compared once more (default {@link Recheck#auto()}: only when
     * the target's reads may lag its writes).
     *
     * @param when the recheck
     * @return this builder
     */
    public Builder recheck(Recheck when) {
      this.recheck = when;
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
     * Whether every item is compared (the default) or only the keys changed since the last usable
     * epoch.
     *
     * @return this builder
     */
    public Builder mode(CheckMode mode) {
      this.mode = java.util.Objects.requireNonNull(mode);
      return this;
    }

    /**
     * Where the epochs of full passes are kept ({@code check.state_dir}); default {@code
     * nimo-full-check-state} beside the diff directory.
     *
     * @param dir the folder
     * @return this builder
     */
    public Builder stateDirectory(Path dir) {
      this.stateDirectory = dir;
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
