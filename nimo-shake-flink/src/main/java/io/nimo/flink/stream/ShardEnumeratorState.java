package io.nimo.flink.stream;

import java.util.List;
import java.util.Map;

/**
 * The stream source's checkpointed bookkeeping: each table's stream, when it was last listed (the
 * stale-start rule's clock), and every shard it knows.
 *
 * @param streams table name to stream ARN
 * @param confirmedAt table name to when its stream was last listed (epoch ms; 0 = unknown)
 * @param shards the shards
 */
public record ShardEnumeratorState(
    Map<String, String> streams, Map<String, Long> confirmedAt, List<TrackedShard> shards) {

  /** Copies the collections. */
  public ShardEnumeratorState {
    streams = Map.copyOf(streams);
    confirmedAt = Map.copyOf(confirmedAt);
    shards = List.copyOf(shards);
  }
}
