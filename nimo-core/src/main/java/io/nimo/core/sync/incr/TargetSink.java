package io.nimo.core.sync.incr;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.sink.Target;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.stream.ChangeSink;
import io.nimo.core.sync.spool.SpoolReplayer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies a table's changes to the target. A shard whose changes were spooled during the full sync
 * has its spool replayed (see {@link SpoolReplayer}) before its stream is read again.
 */
final class TargetSink implements ChangeSink {
  private final Target target;
  private final SpoolReplayer replayer;

  TargetSink(Target target, SpoolReplayer replayer) {
    this.target = target;
    this.replayer = replayer;
  }

  static TargetSink replaying(Target target, SpoolReplayer replayer) {
    return new TargetSink(target, replayer);
  }

  @Override
  public ShardCheckpoint open(ShardCheckpoint start, Consumer<ShardCheckpoint> checkpoint)
      throws Exception {
    if (!start.status().spooled()) {
      return start;
    }
    if (replayer == null) {
      throw new IllegalStateException(
          "shard "
              + start.shardId()
              + " has spooled changes but no spool directory "
              + "is configured");
    }
    return replayer.replay(start, checkpoint);
  }

  @Override
  public long accept(String shardId, List<ChangeEvent> events, long newestCreatedMillis) {
    return target.apply(events).written();
  }

  @Override
  public ShardCheckpoint.Status readingStatus() {
    return ShardCheckpoint.Status.READING;
  }

  @Override
  public ShardCheckpoint.Status closedStatus() {
    return ShardCheckpoint.Status.DONE;
  }

  @Override
  public boolean settled(ShardCheckpoint.Status status) {
    return status.finished();
  }
}
