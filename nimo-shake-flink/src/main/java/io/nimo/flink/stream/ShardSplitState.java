package io.nimo.flink.stream;

/**
 * A reader's progress in one shard: moved on by the record emitter after each record went
 * downstream, so a checkpoint never covers a change that was not handed on; and when the shard was
 * last read, for the stale-start rule after a restore.
 */
final class ShardSplitState {
  private final ShardSplit split;
  private volatile String sequenceNumber;
  private volatile long followedAt;

  ShardSplitState(ShardSplit split) {
    this.split = split;
  }

  void emitted(String sequence, long readAt) {
    this.sequenceNumber = sequence;
    this.followedAt = readAt;
  }

  void followed(long readAt) {
    this.followedAt = readAt;
  }

  ShardSplit toSplit() {
    return split.after(sequenceNumber, followedAt);
  }
}
