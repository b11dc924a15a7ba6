package io.nimo.flink.stream;

import java.util.List;
import java.util.Map;

/**
 * The stream source's checkpointed bookkeeping: each table's stream and every shard it knows.
 *
 * @param streams table name to stream ARN
 * @param shards the shards, in discovery order
 */
public record ShardEnumeratorState(Map<String, String> streams, List<TrackedShard> shards) {

  /**
   * Copies the collections.
   *
   * @param streams table name to stream ARN
   * @param shards the shards
   */
  public ShardEnumeratorState {
    streams = Map.copyOf(streams);
    shards = List.copyOf(shards);
  }
}
