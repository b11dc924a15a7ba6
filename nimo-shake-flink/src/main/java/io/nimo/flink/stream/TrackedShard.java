package io.nimo.flink.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;

/**
 * What the enumerator keeps of one shard: its table, its position in nimo-core's terms (status
 * PENDING: waiting for its parent or a reader; READING: a reader holds it; DONE or SKIPPED: nothing
 * left to read) and the reader that last held it (-1 if none).
 *
 * @param table the source table
 * @param position the shard, its parent, its start position and status
 * @param reader the reader subtask that last held it, or -1
 */
public record TrackedShard(String table, ShardCheckpoint position, int reader) {

  String splitId() {
    return ShardSplit.id(table, position.shardId());
  }
}
