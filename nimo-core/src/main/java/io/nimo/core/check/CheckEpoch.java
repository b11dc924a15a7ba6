package io.nimo.core.check;

import java.time.Instant;
import java.util.List;

/**
 * Where a source table's stream stood when a full check pass began: every change after these
 * positions may not have been seen by that pass, every change before them was. A {@code mode =
 * changed} check compares just the keys changed after them.
 *
 * @param table the source table
 * @param streamArn its stream then
 * @param startedAt when the positions were taken (the stream keeps records 24 h)
 * @param shards one position per shard of the stream then
 */
public record CheckEpoch(
    String table, String streamArn, Instant startedAt, List<ShardPosition> shards) {

  /**
   * Copies the shard list.
   *
   * @param table the source table
   * @param streamArn its stream
   * @param startedAt when the positions were taken
   * @param shards the positions
   */
  public CheckEpoch {
    shards = List.copyOf(shards);
  }

  /**
   * One shard's position: sequence numbers, never iterators (which expire in 15 minutes).
   *
   * @param shardId the shard
   * @param parentShardId its parent, or {@code null}
   * @param lastSequenceNumber the newest record in it then, or {@code null} when it was empty
   * @param closed whether it was closed then (no record can follow the position)
   */
  public record ShardPosition(
      String shardId, String parentShardId, String lastSequenceNumber, boolean closed) {}
}
