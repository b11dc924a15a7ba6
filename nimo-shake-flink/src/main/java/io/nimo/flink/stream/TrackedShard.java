package io.nimo.flink.stream;

/**
 * What the enumerator knows of one shard.
 *
 * @param table the source table
 * @param shardId the shard
 * @param parentShardId its parent, or {@code null}
 * @param status where the shard is
 * @param sequenceNumber where a pending shard starts (after, or at when {@code inclusive}); {@code
 *     null} = its oldest record
 * @param inclusive whether to start at {@code sequenceNumber}
 * @param owner the reader subtask it was last given to, or -1
 */
record TrackedShard(
    String table,
    String shardId,
    String parentShardId,
    Status status,
    String sequenceNumber,
    boolean inclusive,
    int owner) {

  /** A shard's life in the enumerator. */
  enum Status {
    /** Known, waiting for its parent or a reader. */
    PENDING,
    /** Given to a reader, whose state now holds its position. */
    ASSIGNED,
    /** Read to its end (or, before a full sync, already covered by the Scan). */
    DONE
  }

  String splitId() {
    return ShardSplit.id(table, shardId);
  }

  TrackedShard with(Status s, int newOwner) {
    return new TrackedShard(table, shardId, parentShardId, s, sequenceNumber, inclusive, newOwner);
  }

  TrackedShard returnedAt(String sequence, boolean atSequence, int lastOwner) {
    return new TrackedShard(
        table, shardId, parentShardId, Status.PENDING, sequence, atSequence, lastOwner);
  }
}
