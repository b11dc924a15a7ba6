package io.nimo.core.sync;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.time.Duration;

/**
 * The tuning of the incremental sync.
 *
 * @param shardsPerTable shards read in parallel per table
 * @param qpsPerShard GetRecords calls per second per shard
 * @param recordsPerCall GetRecords Limit
 * @param discoveryInterval how often new shards are looked for
 * @param maxIdleBackoff the longest pause after an empty GetRecords
 * @param checkpointInterval how often a shard's advancing position is persisted
 */
public record IncrSettings(int shardsPerTable, int qpsPerShard, int recordsPerCall, Duration discoveryInterval,
    Duration maxIdleBackoff, Duration checkpointInterval) {

  /**
   * The settings a configuration describes.
   *
   * @param c the configuration
   * @return the settings a configuration describes
   */
  public static IncrSettings from(Configuration c) {
    return new IncrSettings(c.get(ShakeOptions.INCR_CONCURRENCY), c.get(ShakeOptions.QPS_INCR),
        c.get(ShakeOptions.QPS_INCR_BATCH), c.get(ShakeOptions.INCR_DISCOVERY_INTERVAL), Duration.ofMillis(500),
        c.get(ShakeOptions.CHECKPOINT_INTERVAL));
  }
}
