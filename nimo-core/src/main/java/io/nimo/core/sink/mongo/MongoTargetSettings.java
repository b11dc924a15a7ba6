package io.nimo.core.sink.mongo;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.ShakeOptions;

/**
 * How the MongoDB target lays out and writes a job's tables.
 *
 * @param database the database ({@code id}): one collection per table
 * @param sharded shard each collection on its hashed partition key ({@code target.mongodb.type =
 *     sharding})
 * @param userIndexes create indexes for the source's GSIs and LSIs ({@code full.enable_index.user})
 * @param replaceDuplicates a full-sync insert of an existing key replaces that document ({@code
 *     full.executor.insert_on_dup_update}); otherwise it stops the table naming the key
 */
public record MongoTargetSettings(
    String database, boolean sharded, boolean userIndexes, boolean replaceDuplicates) {

  /**
   * The settings of a configuration.
   *
   * @param c a configuration with the MongoDB target's keys
   * @return the settings
   */
  public static MongoTargetSettings from(Configuration c) {
    return new MongoTargetSettings(
        c.get(ShakeOptions.ID),
        c.get(MongoOptions.TARGET_MONGO_TYPE) == MongoTopology.SHARDING,
        c.get(FullSyncOptions.FULL_INDEX_USER),
        c.get(FullSyncOptions.FULL_INSERT_ON_DUP));
  }
}
