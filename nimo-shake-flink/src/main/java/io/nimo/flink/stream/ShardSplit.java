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
 */
public record ShardSplit(
    String table,
    String streamArn,
    String shardId,
    String parentShardId,
    String sequenceNumber,
    boolean inclusive,
    boolean finished)
    implements SourceSplit {

  @Override
  public String splitId() {
    return id(table, shardId);
  }

  /**
   * The split id of a table's shard.
   *
   * @param table the table
   * @param shardId the shard
   * @return the id
   */
  public static String id(String table, String shardId) {
    return table + "/" + shardId;
  }

  /**
   * The same shard resumed after a record.
   *
   * @param sequence the last emitted record's sequence number
   * @return the split
   */
  public ShardSplit after(String sequence) {
    return sequence == null
        ? this
        : new ShardSplit(table, streamArn, shardId, parentShardId, sequence, false, finished);
  }

  /**
   * The same shard, read to its end.
   *
   * @return the split
   */
  public ShardSplit asFinished() {
    return new ShardSplit(
        table, streamArn, shardId, parentShardId, sequenceNumber, inclusive, true);
  }
}
