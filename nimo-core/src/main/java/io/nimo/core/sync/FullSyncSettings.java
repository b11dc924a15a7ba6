package io.nimo.core.sync;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.target.ExistPolicy;
import java.time.Duration;

/**
 * The tuning of one table's full-sync pipeline.
 *
 * @param segments parallel-Scan segments for a table that starts fresh
 * @param parsers parser threads per table
 * @param writers writer threads per table
 * @param batchSize items per target write
 * @param existPolicy what to do with an existing target table
 * @param schemaOnly create tables, copy nothing
 * @param checkpointInterval how often segment progress is persisted
 * @param progressInterval how often a progress line is logged
 */
public record FullSyncSettings(int segments, int parsers, int writers, int batchSize, ExistPolicy existPolicy,
    boolean schemaOnly, Duration checkpointInterval, Duration progressInterval) {

  /**
   * The same settings with another policy for existing target tables.
   *
   * @param policy what to do with an existing target table
   * @return the same settings with another policy for existing target tables
   */
  public FullSyncSettings withExistPolicy(ExistPolicy policy) {
    return new FullSyncSettings(segments, parsers, writers, batchSize, policy, schemaOnly, checkpointInterval,
        progressInterval);
  }

  /**
   * The settings a configuration describes.
   *
   * @param c the configuration
   * @return the settings a configuration describes
   */
  public static FullSyncSettings from(Configuration c) {
    return new FullSyncSettings(c.get(ShakeOptions.FULL_READ_CONCURRENCY), c.get(ShakeOptions.FULL_DOC_PARSER),
        c.get(ShakeOptions.FULL_DOC_CONCURRENCY), c.get(ShakeOptions.FULL_WRITE_BATCH),
        ExistPolicy.fromConfig(c.get(ShakeOptions.TARGET_DB_EXIST)), c.get(ShakeOptions.SYNC_SCHEMA_ONLY),
        c.get(ShakeOptions.CHECKPOINT_INTERVAL), c.get(ShakeOptions.PROGRESS_INTERVAL));
  }
}
