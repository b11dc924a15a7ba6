package io.nimo.core.dynamo;

/**
 * One shard of a stream, as DescribeStream lists it.
 *
 * @param parentShardId the parent's id, or {@code null}
 * @param endingSequenceNumber set once the shard is closed (split or stream disabled), else {@code
 *     null}
 */
public record ShardInfo(String shardId, String parentShardId, String endingSequenceNumber) {
  /** Whether the shard is closed (no more records will be added). */
  public boolean closed() {
    return endingSequenceNumber != null;
  }
}
