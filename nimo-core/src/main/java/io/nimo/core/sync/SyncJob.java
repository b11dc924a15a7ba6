package io.nimo.core.sync;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SyncMode;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.metrics.JobProgress;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.retry.Sleeper;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.TableFilter;
import io.nimo.core.source.export.ExportSettings;
import io.nimo.core.source.stream.StreamCoverage;
import io.nimo.core.source.stream.StreamPositions;
import io.nimo.core.sync.full.BulkSources;
import io.nimo.core.sync.full.FullSyncRunner;
import io.nimo.core.sync.full.FullSyncSettings;
import io.nimo.core.sync.hooks.ItemTransformer;
import io.nimo.core.sync.hooks.SyncListener;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.sync.hooks.TableSummary;
import io.nimo.core.sync.incr.IncrementalRunner;
import io.nimo.core.sync.incr.StreamStarts;
import io.nimo.core.sync.run.SourceSide;
import io.nimo.core.sync.run.SyncRun;
import io.nimo.core.sync.spool.SpoolSettings;
import io.nimo.core.sync.spool.StreamSpooler;
import io.nimo.core.sync.stream.IncrSettings;
import io.nimo.core.wiring.JobBuilder;
import io.nimo.core.wiring.JobComponents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  private final JobComponents parts;
  private final SyncRun run;
  private final StartupInterrupt startup;
  private final FullSyncSettings full;
  private final IncrSettings incr;
  private final SpoolSettings spool;
  private final String id;
  private final SyncMode mode;
  private final io.nimo.core.config.StartPosition incrStart;
  private final TableFilter tableFilter;
  private final ExportSettings export;

  private SyncJob(Builder b) {
    Configuration c = b.configuration();
    SyncSettings job = SyncSettings.from(c);
    this.parts = b.components().sourceConnections(job.sourceConnections()).build();
    this.run =
        new SyncRun(
            b.transformer,
            new SafeListener(b.listeners),
            new JobProgress(),
            new ConcurrentHashMap<>(),
            new AtomicBoolean());
    FullSyncSettings configured = FullSyncSettings.from(c);
    // 0 (the default) = the target's own batch size, as in the original
    FullSyncSettings batched =
        configured.batchSize() > 0
            ? configured
            : configured.withBatchSize(parts.defaultBatchSize());
    // 0 (the default) = the target's own writer count
    this.full = batched.writers() > 0 ? batched : batched.withWriters(parts.defaultWriters());
    this.incr = IncrSettings.from(c);
    this.spool = SpoolSettings.from(c);
    this.id = job.id();
    this.mode = job.mode();
    this.incrStart = job.incrStart();
    this.tableFilter = job.tables();
    this.export = ExportSettings.from(c);
    this.startup = new StartupInterrupt(run.stopRequested());
  }

  /** A builder over the configuration, validated here (a {@link ConfigException} names the key). */
  public static Builder builder(Configuration config) {
    return new Builder(config);
  }

  /** Live full-sync progress of every selected table. */
  public JobProgress progress() {
    return run.progress();
  }

  /** Live incremental-sync progress by table (empty until the incremental phase starts). */
  public Map<String, StreamProgress> streamProgress() {
    return run.streamProgress();
  }

  /**
   * Asks the job to stop: in-flight batches are drained and progress is checkpointed. Non-blocking.
   */
  public void stop() {
    run.stopRequested().set(true);
    startup.stop();
  }

  /**
   * Runs the job as {@code sync_mode} says and blocks: {@code full} until every table is copied;
   * {@code all} through the full sync and then following the streams until {@link #stop()}; {@code
   * incr} following the streams until {@link #stop()}. Any phase ends early on a failure.
   *
   * @return how the run ended, with a summary per table
   * @throws InterruptedException if the thread is interrupted
   */
  public SyncReport run() throws InterruptedException {
    startup.enter();
    SyncReport report;
    try {
      report = runPhases();
    } catch (RuntimeException | InterruptedException e) {
      if (!run.stopRequested().get() || !startup.inStart()) {
        throw e;
      }
      // interrupted in the checkpoint read or ListTables (a retry, a blocked driver call)
      String msg = "stopped during start-up, before anything was copied: " + e.getMessage();
      LOG.info(msg);
      report = new SyncReport(SyncReport.Outcome.STOPPED, List.of(), msg);
    } finally {
      startup.leave();
    }
    run.listener().onJobFinished(report);
    return report;
  }

  private SyncReport runPhases() throws InterruptedException {
    JobState state = parts.store().load(id);
    LOG.info(
        "checkpoint {}: phase '{}', {} table(s) recorded",
        parts.store().describe(),
        state.phase().code(),
        state.tables().size() + state.streams().size());
    boolean fullFinished =
        state.phase() == JobState.Phase.FULL_DONE || state.phase() == JobState.Phase.INCR_SYNC;
    if (mode == SyncMode.FULL && fullFinished) {
      String msg =
          "the full sync of job '"
              + id
              + "' already completed (checkpoint "
              + parts.store().describe()
              + "); remove that checkpoint directory to copy again";
      LOG.info(msg);
      return new SyncReport(SyncReport.Outcome.ALREADY_COMPLETED, List.of(), msg);
    }
    if (mode == SyncMode.INCR && state.phase() == JobState.Phase.FULL_SYNC) {
      throw new ConfigException(
          ShakeOptions.SYNC_MODE.key(),
          "job '"
              + id
              + "' is in the middle of its full sync; "
              + "finish it with sync_mode = all (or remove the checkpoint to start over)");
    }
    List<String> tables =
        tableFilter.select(parts.sourceRetrier().call("ListTables", parts.source()::listTables));
    LOG.info("{} table(s) selected: {}", tables.size(), tables);
    if (mode.copies() && !fullFinished) {
      export.requireFits(tables);
    }
    startup.leave();
    if (run.stopRequested().get()) {
      return new SyncReport(
          SyncReport.Outcome.STOPPED, List.of(), "stopped during start-up: nothing was copied");
    }
    if (state.phase() == JobState.Phase.NEW && mode.follows()) {
      StreamStarts starts =
          new StreamStarts(sourceSide(), parts.store(), parts.clock(), incr.startProbe());
      StreamPositions.Start from =
          StreamPositions.Start.forRun(mode.copies(), export.fromExport(), incrStart);
      tables.forEach(t -> starts.record(t, from));
      state = parts.store().load(id);
      if (!mode.copies()) {
        StreamStarts.createMissingTargets(
            new SourceTables(parts.source(), parts.sourceRetrier()), parts.targets(), tables);
      }
    }
    if (mode.copies() && !fullFinished) {
      SyncReport full = runFull(tables, state, mode.follows());
      if (!full.ok() || !mode.follows()) {
        return full;
      }
    }
    StreamStarts.requireRecorded(tables, state, mode);
    if (state.phase() != JobState.Phase.INCR_SYNC) {
      parts.store().save(new JobState.Delta.PhaseChanged(JobState.Phase.INCR_SYNC));
    }
    state = parts.store().load(id);
    Map<String, String> errors =
        new IncrementalRunner(
                sourceSide(),
                parts.targets(),
                parts.store(),
                parts.timing(),
                incr,
                spool,
                full,
                run)
            .run(tables, state);
    List<TableSummary> summaries = summaries(Map.of());
    List<StreamProgress.Snapshot> streams = new ArrayList<>();
    tables.forEach(
        t -> {
          StreamProgress p = run.streamProgress().get(t);
          if (p != null) {
            streams.add(p.snapshot(parts.clock().millis()));
          }
        });
    if (!errors.isEmpty()) {
      return new SyncReport(
          SyncReport.Outcome.FAILED, summaries, streams, "incremental sync failed for " + errors);
    }
    return new SyncReport(
        SyncReport.Outcome.INCREMENTAL_STOPPED,
        summaries,
        streams,
        "incremental sync stopped on request; the next run resumes from the checkpoint");
  }

  private List<TableSummary> summaries(Map<String, String> errors) {
    List<TableSummary> out = new ArrayList<>();
    for (TableProgress.Snapshot s : run.progress().snapshot()) {
      out.add(new TableSummary(s, errors.get(s.table())));
    }
    return out;
  }

  private SourceSide sourceSide() {
    return new SourceSide(parts.source(), parts.streams(), parts.sourceRetrier());
  }

  private SyncReport runFull(List<String> tables, JobState state, boolean spooling)
      throws InterruptedException {
    if (state.phase() == JobState.Phase.NEW) {
      parts.store().save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_SYNC));
    }
    tables.forEach(run.progress()::register);
    // the streams are opened only when they are spooled
    StreamSpooler spooler =
        spooling
            ? new StreamSpooler(sourceSide(), parts.store(), parts.clock(), spool, incr)
            : null;
    if (spooler != null) {
      spooler.schedule(tables, state);
    }
    Map<String, String> errors;
    try {
      errors =
          new FullSyncRunner(
                  parts.source(),
                  parts.sourceRetrier(),
                  parts.targets(),
                  parts.store(),
                  parts.clock(),
                  full,
                  run,
                  bulkSources(state, spooling))
              .run(tables, state);
    } finally {
      if (spooler != null) {
        spooler.finish();
      }
    }
    List<TableSummary> summaries = summaries(errors);
    if (!errors.isEmpty()) {
      return new SyncReport(
          SyncReport.Outcome.FAILED,
          summaries,
          errors.size() + " table(s) failed: " + errors.keySet());
    }
    if (summaries.stream().allMatch(TableSummary::ok)) {
      parts.store().save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_DONE));
      LOG.info("------------------------full sync done!------------------------");
      return new SyncReport(
          SyncReport.Outcome.COMPLETED,
          summaries,
          "full sync done: " + tables.size() + " table(s)");
    }
    return new SyncReport(
        SyncReport.Outcome.STOPPED, summaries, "stopped; the next run resumes from the checkpoint");
  }

  /**
   * Where the bulk copies read. A run that follows the streams hands each export over to its
   * table's stream, so the stream's coverage is what the checkpoint recorded before the copy.
   */
  private BulkSources bulkSources(JobState state, boolean follows) {
    Map<String, String> arns = new ConcurrentHashMap<>();
    if (follows) {
      state.streams().forEach((t, s) -> arns.put(t, s.streamArn()));
    }
    return new BulkSources(
        parts.source(),
        parts.sourceRetrier(),
        export,
        parts::exports,
        parts::objects,
        parts.timing(),
        id,
        t ->
            Optional.ofNullable(arns.get(t))
                .map(arn -> StreamCoverage.coveredFrom(arn, parts.clock().instant())));
  }

  @Override
  public void close() {
    stop();
    parts.close();
    LOG.debug("job {} closed", id);
  }

  /** Collects the job's parts; anything not set is created from the configuration. */
  public static final class Builder extends JobBuilder<Builder> {
    private ItemTransformer transformer = ItemTransformer.IDENTITY;
    private final List<SyncListener> listeners = new ArrayList<>();

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
     * The source's streams endpoint (owned by the job: closed with it).
     *
     * @param streams the streams endpoint
     * @return this builder
     */
    public Builder streams(StreamsApi streams) {
      parts.streams(streams);
      return this;
    }

    /**
     * The checkpoint store (owned by the job).
     *
     * @param store the checkpoint store
     * @return this builder
     */
    public Builder checkpointStore(CheckpointStore store) {
      parts.checkpointStore(store);
      return this;
    }

    /**
     * Changes or skips items before they are written; see {@link ItemTransformer}.
     *
     * @return this builder
     */
    public Builder transformer(ItemTransformer transformer) {
      this.transformer = transformer;
      return this;
    }

    /**
     * Adds a listener for progress and completion callbacks.
     *
     * @return this builder
     */
    public Builder listener(SyncListener listener) {
      listeners.add(listener);
      return this;
    }

    /**
     * How retries wait (tests inject one).
     *
     * @param sleeper how retries wait
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      parts.sleeper(sleeper);
      return this;
    }

    /**
     * Creates the job; no I/O happens until {@link #run()}.
     *
     * @return the job
     */
    public SyncJob build() {
      return new SyncJob(this);
    }
  }
}
