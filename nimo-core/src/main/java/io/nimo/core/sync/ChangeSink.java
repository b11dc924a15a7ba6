package io.nimo.core.sync;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.target.ChangeEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a shard's changes go: the target ({@link TargetSink}, the incremental sync) or the local
 * spool ({@link SpoolSink}, while a long full sync runs). A page's position is checkpointed only
 * after {@link #accept} returns, so whatever it accepted must be applied or durable by then.
 */
interface ChangeSink {

  /**
   * Readies a shard before its stream is read and returns the position reading continues from
   * (reported through {@code checkpoint} when it changes); a position whose status is
   * {@link #settled settled} needs no more reading.
   */
  ShardCheckpoint open(ShardCheckpoint start, Consumer<ShardCheckpoint> checkpoint) throws Exception;

  /**
   * Applies or durably stores one page of a shard, in stream order; returns how many items were
   * written. {@code newestCreatedMillis} is the page's newest ApproximateCreationDateTime (0 if unknown).
   */
  long accept(String shardId, List<ChangeEvent> events, long newestCreatedMillis) throws InterruptedException;

  /** The status of a shard being read into this sink. */
  ShardCheckpoint.Status readingStatus();

  /** The status of a closed shard whose every record this sink accepted. */
  ShardCheckpoint.Status closedStatus();

  /** Whether a shard in this status needs nothing more from this sink (so its children may start). */
  boolean settled(ShardCheckpoint.Status status);
}
