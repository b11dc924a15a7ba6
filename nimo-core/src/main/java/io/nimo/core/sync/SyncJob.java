package io.nimo.core.sync;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStores;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.FilterValues;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.dynamo.DynamoEndpoint;
import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.metrics.JobProgress;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryPolicy;
import io.nimo.core.retry.Sleeper;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.ScanSettings;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.TableFilter;
import io.nimo.core.source.TableScanner;
import io.nimo.core.target.TargetProviders;
import io.nimo.core.target.TargetSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A nimo-shake job: copies the selected DynamoDB tables to the target, resuming from its
 * checkpoint. This is the API the CLI wraps; embedders build it the same way:
 *
 * <pre>{@code
 * Configuration conf = ConfigLoader.load(Path.of("nimo-shake.conf"), ShakeOptions.ALL);
 * try (SyncJob job = SyncJob.builder(conf).build()) {
 *   SyncReport report = job.run();          // blocks; job.stop() from another thread ends it early
 * }
 * }</pre>
 *
 * Components not given to the builder are created from the configuration: the source client, the
 * target (by {@code target.type}) and the checkpoint store (by {@code checkpoint.type}).
 */
public final class SyncJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncJob.class);

  private final Configuration config;
  private final DynamoApi source;
  private final TargetSession targets;
  private final CheckpointStore store;
  private final Retrier sourceRetrier;
  private final ItemTransformer transformer;
  private final SafeListener listener;
  private final JobProgress progress = new JobProgress();
  private final AtomicBoolean stopRequested = new AtomicBoolean();

  private SyncJob(Builder b) {
    this.config = b.config;
    this.source = b.source != null ? b.source : sourceEndpoint(b.config).buildApi();
    this.targets = b.targets != null ? b.targets : TargetProviders.forType(b.config.get(ShakeOptions.TARGET_TYPE)).open(b.config);
    this.store = b.store != null ? b.store : CheckpointStores.open(b.config);
    this.sourceRetrier = new Retrier(RetryPolicy.of(b.config.get(ShakeOptions.RETRY_MAX_BACKOFF),
        b.config.get(ShakeOptions.RETRY_BUDGET)), new DynamoErrorClassifier(), b.clock, b.sleeper);
    this.transformer = b.transformer;
    this.listener = new SafeListener(b.listeners);
  }

  public static Builder builder(Configuration config) {
    return new Builder(config);
  }

  /** Live progress of every selected table. */
  public JobProgress progress() {
    return progress;
  }

  /** Asks the job to stop: in-flight batches are drained and progress is checkpointed. Non-blocking. */
  public void stop() {
    stopRequested.set(true);
  }

  /** Runs the full sync; blocks until every table is done, the job is stopped, or a table fails. */
  public SyncReport run() throws InterruptedException {
    SyncReport report = runFullSync();
    listener.onJobFinished(report);
    return report;
  }

  private SyncReport runFullSync() throws InterruptedException {
    String id = config.get(ShakeOptions.ID);
    JobState state = store.load(id);
    LOG.info("checkpoint {}: phase '{}', {} table(s) recorded", store.describe(), state.phase().code(), state.tables().size());
    if (state.phase() == JobState.Phase.FULL_DONE) {
      String msg = "the full sync of job '" + id + "' already completed (checkpoint " + store.describe()
          + "); remove that checkpoint directory to copy again";
      LOG.info(msg);
      return new SyncReport(SyncReport.Outcome.ALREADY_COMPLETED, List.of(), msg);
    }
    List<String> tables = TableFilter.parse(config.get(ShakeOptions.FILTER_WHITE), config.get(ShakeOptions.FILTER_BLACK))
        .select(sourceRetrier.call("ListTables", source::listTables));
    LOG.info("{} table(s) selected: {}", tables.size(), tables);
    if (state.phase() == JobState.Phase.NEW) {
      store.save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_SYNC));
    }
    tables.forEach(progress::register);
    Map<String, String> errors = runTables(tables, state);
    List<TableSummary> summaries = new ArrayList<>();
    for (TableProgress.Snapshot s : progress.snapshot()) {
      summaries.add(new TableSummary(s, errors.get(s.table())));
    }
    if (!errors.isEmpty()) {
      return new SyncReport(SyncReport.Outcome.FAILED, summaries, errors.size() + " table(s) failed: " + errors.keySet());
    }
    if (summaries.stream().allMatch(TableSummary::ok)) {
      store.save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_DONE));
      LOG.info("------------------------full sync done!------------------------");
      return new SyncReport(SyncReport.Outcome.COMPLETED, summaries, "full sync done: " + tables.size() + " table(s)");
    }
    return new SyncReport(SyncReport.Outcome.STOPPED, summaries, "stopped; the next run resumes from the checkpoint");
  }

  private Map<String, String> runTables(List<String> tables, JobState state) throws InterruptedException {
    FullSyncSettings settings = FullSyncSettings.from(config);
    ScanSettings scan = new ScanSettings(config.get(ShakeOptions.QPS_FULL_BATCH),
        config.get(ShakeOptions.FULL_FILTER_EXPRESSION), FilterValues.parse(config.get(ShakeOptions.FULL_FILTER_VALUES)));
    SourceTables describer = new SourceTables(source, sourceRetrier);
    ExecutorService pool = Executors.newFixedThreadPool(config.get(ShakeOptions.FULL_CONCURRENCY),
        new NamedThreadFactory("nimo-full-table"));
    Map<String, Future<?>> futures = new LinkedHashMap<>();
    Map<String, String> errors = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      for (String t : tables) {
        futures.put(t, pool.submit(() -> {
          if (stopRequested.get()) {
            return;
          }
          TableProgress p = progress.register(t);
          try {
            TableScanner scanner = new TableScanner(source, sourceRetrier,
                QpsLimiter.system(config.get(ShakeOptions.QPS_FULL)), scan);
            new TableFullSync(describer.describe(t), targets.table(t), scanner, store, settings, p, transformer,
                listener, stopRequested).run(state.table(t).orElse(null));
            listener.onTableFinished(new TableSummary(p.snapshot(), null));
          } catch (Exception e) {
            p.state(TableProgress.State.FAILED);
            errors.put(t, String.valueOf(e.getMessage()));
            LOG.error("table {} failed: {}", t, e.getMessage(), e);
            stopRequested.set(true);
            listener.onTableFinished(new TableSummary(p.snapshot(), String.valueOf(e.getMessage())));
          }
        }));
      }
      for (Map.Entry<String, Future<?>> f : futures.entrySet()) {
        try {
          f.getValue().get();
        } catch (ExecutionException e) {
          errors.put(f.getKey(), String.valueOf(e.getCause()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return errors;
  }

  private static DynamoEndpoint sourceEndpoint(Configuration c) {
    int connections = c.get(ShakeOptions.FULL_CONCURRENCY) * c.get(ShakeOptions.FULL_READ_CONCURRENCY) + 4;
    return new DynamoEndpoint(c.get(ShakeOptions.SOURCE_ENDPOINT), c.get(ShakeOptions.SOURCE_REGION),
        c.get(ShakeOptions.SOURCE_AK), c.get(ShakeOptions.SOURCE_SK), c.get(ShakeOptions.SOURCE_TOKEN),
        c.get(ShakeOptions.SOURCE_MAX_RETRIES), Duration.ofMillis(c.get(ShakeOptions.SOURCE_TIMEOUT)), connections);
  }

  @Override
  public void close() {
    stop();
    try (store; targets; source) {
      LOG.debug("job {} closed", config.get(ShakeOptions.ID));
    }
  }

  /** Collects the job's parts; anything not set is created from the configuration. */
  public static final class Builder {
    private final Configuration config;
    private DynamoApi source;
    private TargetSession targets;
    private CheckpointStore store;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ItemTransformer transformer = ItemTransformer.IDENTITY;
    private final List<SyncListener> listeners = new ArrayList<>();

    private Builder(Configuration config) {
      ShakeOptions.validate(config);
      this.config = config;
    }

    /** The source endpoint (owned by the job: closed with it). */
    public Builder source(DynamoApi source) {
      this.source = source;
      return this;
    }

    /** The target (owned by the job). */
    public Builder target(TargetSession targets) {
      this.targets = targets;
      return this;
    }

    /** The checkpoint store (owned by the job). */
    public Builder checkpointStore(CheckpointStore store) {
      this.store = store;
      return this;
    }

    /** Changes or skips items before they are written; see {@link ItemTransformer}. */
    public Builder transformer(ItemTransformer transformer) {
      this.transformer = transformer;
      return this;
    }

    /** Adds a listener for progress and completion callbacks. */
    public Builder listener(SyncListener listener) {
      listeners.add(listener);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public SyncJob build() {
      return new SyncJob(this);
    }
  }
}
