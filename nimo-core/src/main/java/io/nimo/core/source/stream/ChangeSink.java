package io.nimo.core.source.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.source.ChangeEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a shard's changes go: the target (the incremental sync) or the local spool (while a long
 * full sync runs). A page's position is checkpointed only after {@link #accept} returns, so
 * whatever it accepted must be applied or durable by then.
 */
public interface ChangeSink {

  /**
   * Readies a shard before its stream is read and returns the position reading continues from
   * (reported through {@code checkpoint} when it changes); a position whose status is {@link
   * #settled settled} needs no more reading.
   *
   * @param start the recorded position
   * @param checkpoint receives positions that change while readying
   * @return the position reading continues from
   * @throws Exception if the shard cannot be readied (e.g. its spool is missing)
   */
  ShardCheckpoint open(ShardCheckpoint start, Consumer<ShardCheckpoint> checkpoint)
      throws Exception;

  /**
   * Applies or durably stores one page of a shard, in stream order; returns how many items were
   * written.
   *
   * @param shardId the shard
   * @param events the page's changes, in stream order
   * @param newestCreatedMillis the page's newest ApproximateCreationDateTime (0 if unknown)
   * @return how many items were written
   * @throws InterruptedException if interrupted while waiting (e.g. for spool room)
   */
  long accept(String shardId, List<ChangeEvent> events, long newestCreatedMillis)
      throws InterruptedException;

  /**
   * The status of a shard being read into this sink.
   *
   * @return the status
   */
  ShardCheckpoint.Status readingStatus();

  /**
   * The status of a closed shard whose every record this sink accepted.
   *
   * @return the status
   */
  ShardCheckpoint.Status closedStatus();

  /**
   * Whether a shard in this status needs nothing more from this sink (so its children may start).
   *
   * @param status a shard status
   * @return whether it is settled
   */
  boolean settled(ShardCheckpoint.Status status);
}
