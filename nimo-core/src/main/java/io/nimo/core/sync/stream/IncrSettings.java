package io.nimo.core.sync.stream;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.IncrSyncOptions;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.source.stream.ShardReader;
import java.time.Duration;

/**
 * The tuning of the incremental sync, read once from the configuration.
 *
 * @param shardsPerTable shards read in parallel per table
 * @param reader how each shard is read (GetRecords rate, page size, idle back-off)
 * @param discoveryInterval how often new shards are looked for
 * @param checkpointInterval how often a shard's advancing position is persisted
 * @param progressInterval how often a status line per table is logged
 * @param startProbe how long LATEST iterators are watched when start positions are recorded
 * @param resyncOnTrimmed copy a table again when its stream position is lost ({@code
 *     incr.on_trimmed = resync})
 * @param watchNewTables report tables created on the source after the start (no white list set)
 * @param blackList the {@code filter.collection.black} list new tables are matched against
 * @param jobId the job's {@code id}, whose checkpoint is reloaded after a re-copy
 */
public record IncrSettings(
    int shardsPerTable,
    ShardReader.Settings reader,
    Duration discoveryInterval,
    Duration checkpointInterval,
    Duration progressInterval,
    Duration startProbe,
    boolean resyncOnTrimmed,
    boolean watchNewTables,
    String blackList,
    String jobId) {

  /** The settings a configuration describes. */
  public static IncrSettings from(Configuration c) {
    return new IncrSettings(
        c.get(IncrSyncOptions.INCR_CONCURRENCY),
        new ShardReader.Settings(
            c.get(SourceOptions.QPS_INCR),
            c.get(SourceOptions.QPS_INCR_BATCH),
            Duration.ofMillis(500)),
        c.get(IncrSyncOptions.INCR_DISCOVERY_INTERVAL),
        c.get(ShakeOptions.CHECKPOINT_INTERVAL),
        c.get(ShakeOptions.PROGRESS_INTERVAL),
        c.get(IncrSyncOptions.INCR_START_PROBE),
        c.get(IncrSyncOptions.INCR_ON_TRIMMED) == io.nimo.core.config.OnTrimmed.RESYNC,
        c.get(SourceOptions.FILTER_WHITE).isBlank(),
        c.get(SourceOptions.FILTER_BLACK),
        c.get(ShakeOptions.ID));
  }
}
