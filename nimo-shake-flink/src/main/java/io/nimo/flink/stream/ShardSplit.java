package io.nimo.flink.stream;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One stream shard of one table, with where its reading stands: the sequence number of the last
 * record the reader emitted ({@code null} = the shard's oldest record), or a start position found
 * before the first Scan ({@code inclusive}: start AT it). A {@code finished} split is a shard that
 * was read to its end, kept in the reader's state until the enumerator's record of it is
 * checkpointed, so a restore never forgets that a parent is done.
 *
 * @param table the source table
 * @param streamArn its stream
 * @param shardId the shard
 * @param parentShardId the parent shard, or {@code null}; a shard is read only after its parent
 * @param sequenceNumber resume after (or at) this record, or {@code null}
 * @param inclusive whether to start at {@code sequenceNumber}
 * @param finished whether the shard was read to its end
 * @param confirmedAtMillis when the shard was last seen followed (read, or listed by the
 *     enumerator), epoch ms; 0 = unknown. A restore long after it is refused for a shard without a
 *     position ({@link io.nimo.core.source.stream.StaleStart}).
 */
public record ShardSplit(
    String table,
    String streamArn,
    String shardId,
    String parentShardId,
    String sequenceNumber,
    boolean inclusive,
    boolean finished,
    long confirmedAtMillis)
    implements SourceSplit {

  @Override
  public String splitId() {
    return id(table, shardId);
  }

  /** The split id of a table's shard. */
  public static String id(String table, String shardId) {
    return table + "/" + shardId;
  }

  /** The table of a split id (DynamoDB table names hold no '/'). */
  static String tableOf(String splitId) {
    return splitId.substring(0, splitId.indexOf('/'));
  }

  /** The shard of a split id. */
  static String shardOf(String splitId) {
    return splitId.substring(splitId.indexOf('/') + 1);
  }

  /**
   * The same shard, read up to {@code sequence} (unchanged when {@code null}) and seen followed at
   * {@code followedAt}.
   */
  public ShardSplit after(String sequence, long followedAt) {
    boolean moved = sequence != null;
    return new ShardSplit(
        table,
        streamArn,
        shardId,
        parentShardId,
        moved ? sequence : sequenceNumber,
        moved ? false : inclusive,
        finished,
        Math.max(confirmedAtMillis, followedAt));
  }

  /** The same shard, read to its end. */
  public ShardSplit asFinished() {
    return new ShardSplit(
        table,
        streamArn,
        shardId,
        parentShardId,
        sequenceNumber,
        inclusive,
        true,
        confirmedAtMillis);
  }
}
