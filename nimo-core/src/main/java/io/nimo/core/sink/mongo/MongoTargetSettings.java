package io.nimo.core.sink.mongo;

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
    String database, boolean sharded, boolean userIndexes, boolean replaceDuplicates) {}
