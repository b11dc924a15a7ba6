package io.nimo.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Durable incremental-sync progress of one table.
 *
 * @param table the source table
 * @param streamArn the stream the positions belong to; a different current ARN means the stream was
 *     disabled and re-enabled, and these positions no longer apply
 * @param shards per-shard progress by shard id
 * @param confirmedAtMillis when the job last followed this stream (or recorded the positions),
 *     epoch milliseconds; 0 if unknown. A shard without a sequence number yet is read from
 *     TRIM_HORIZON, which silently starts after trimmed records, so positions confirmed more than
 *     the retention ago cannot be trusted for such shards.
 */
public record StreamCheckpoint(
    String table, String streamArn, Map<String, ShardCheckpoint> shards, long confirmedAtMillis) {

  /**
   * Copies the shard map (insertion order kept).
   *
   * @param confirmedAtMillis when the job last followed this stream, or 0
   */
  public StreamCheckpoint {
    shards = Collections.unmodifiableMap(new LinkedHashMap<>(shards));
  }

  StreamCheckpoint without(java.util.Collection<String> shardIds) {
    Map<String, ShardCheckpoint> s = new LinkedHashMap<>(shards);
    shardIds.forEach(s::remove);
    return new StreamCheckpoint(table, streamArn, s, confirmedAtMillis);
  }

  StreamCheckpoint withShards(Iterable<ShardCheckpoint> updates) {
    Map<String, ShardCheckpoint> s = new LinkedHashMap<>(shards);
    updates.forEach(u -> s.put(u.shardId(), u));
    return new StreamCheckpoint(table, streamArn, s, confirmedAtMillis);
  }

  StreamCheckpoint confirmedAt(long millis) {
    return new StreamCheckpoint(table, streamArn, shards, millis);
  }
}
