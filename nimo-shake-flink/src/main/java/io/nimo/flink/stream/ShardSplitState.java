package io.nimo.flink.stream;

/**
 * A reader's progress in one shard: moved on by the record emitter after each record went
 * downstream, so a checkpoint never covers a change that was not handed on.
 */
final class ShardSplitState {
  private final ShardSplit split;
  private volatile String sequenceNumber;

  ShardSplitState(ShardSplit split) {
    this.split = split;
  }

  void emitted(String sequence) {
    this.sequenceNumber = sequence;
  }

  ShardSplit toSplit() {
    return split.after(sequenceNumber);
  }
}
