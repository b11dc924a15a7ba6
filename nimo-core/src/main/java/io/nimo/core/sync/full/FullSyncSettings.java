package io.nimo.core.sync.full;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ExistPolicy;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.source.ScanSettings;
import java.time.Duration;

/**
 * The tuning of the full sync, read once from the configuration.
 *
 * @param tables tables copied at the same time ({@code full.concurrency})
 * @param segments parallel-Scan segments for a table that starts fresh
 * @param parsers parser threads per table
 * @param writers writer threads per table
 * @param batchSize items per target write
 * @param existPolicy what to do with an existing target table
 * @param schemaOnly create tables, copy nothing
 * @param scan Scan page size and filter
 * @param scanQps Scan calls per second per table ({@code qps.full})
 * @param checkpointInterval how often segment progress is persisted
 * @param progressInterval how often a progress line is logged
 */
public record FullSyncSettings(
    int tables,
    int segments,
    int parsers,
    int writers,
    int batchSize,
    ExistPolicy existPolicy,
    boolean schemaOnly,
    ScanSettings scan,
    int scanQps,
    Duration checkpointInterval,
    Duration progressInterval) {

  /**
   * The same settings with another policy for existing target tables.
   *
   * @param policy what to do with an existing target table
   */
  public FullSyncSettings withExistPolicy(ExistPolicy policy) {
    return new FullSyncSettings(
        tables,
        segments,
        parsers,
        writers,
        batchSize,
        policy,
        schemaOnly,
        scan,
        scanQps,
        checkpointInterval,
        progressInterval);
  }

  /**
   * The same settings with another batch size.
   *
   * @param items items per target write
   * @return the settings
   */
  public FullSyncSettings withBatchSize(int items) {
    return new FullSyncSettings(
        tables,
        segments,
        parsers,
        writers,
        items,
        existPolicy,
        schemaOnly,
        scan,
        scanQps,
        checkpointInterval,
        progressInterval);
  }

  /**
   * The same settings with another writer count.
   *
   * @param count writer threads per table
   * @return the settings
   */
  public FullSyncSettings withWriters(int count) {
    return new FullSyncSettings(
        tables,
        segments,
        parsers,
        count,
        batchSize,
        existPolicy,
        schemaOnly,
        scan,
        scanQps,
        checkpointInterval,
        progressInterval);
  }

  /** The settings a configuration describes. */
  public static FullSyncSettings from(Configuration c) {
    ScanSettings scan = ScanSettings.from(c);
    return new FullSyncSettings(
        c.get(FullSyncOptions.FULL_CONCURRENCY),
        c.get(FullSyncOptions.FULL_READ_CONCURRENCY),
        c.get(FullSyncOptions.FULL_DOC_PARSER),
        c.get(FullSyncOptions.FULL_DOC_CONCURRENCY),
        c.get(FullSyncOptions.FULL_WRITE_BATCH),
        c.get(TargetAccessOptions.TARGET_DB_EXIST),
        c.get(ShakeOptions.SYNC_SCHEMA_ONLY),
        scan,
        c.get(SourceOptions.QPS_FULL),
        c.get(ShakeOptions.CHECKPOINT_INTERVAL),
        c.get(ShakeOptions.PROGRESS_INTERVAL));
  }
}
