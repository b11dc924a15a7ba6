package io.nimo.core.sync.hooks;

import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.metrics.TableProgress;

/**
 * Callbacks on a {@link io.nimo.core.sync.SyncJob}'s life, for embedders who orchestrate or monitor
 * it. Called from the job's own threads (one per running table, and the thread that called {@link
 * io.nimo.core.sync.SyncJob#run()}), so implementations must be thread-safe and must not block; an
 * exception thrown by a callback is logged and otherwise ignored.
 */
public interface SyncListener {
  /** A table's full sync begins (its target table is about to be prepared or resumed). */
  default void onTableStarted(String table) {}

  /**
   * A progress snapshot of a running table, every {@code progress.log_interval}.
   *
   * @param snapshot a point-in-time view
   */
  default void onProgress(TableProgress.Snapshot snapshot) {}

  /**
   * A table finished, stopped or failed; the summary says which.
   *
   * @param summary the table summary
   */
  default void onTableFinished(TableSummary summary) {}

  /**
   * A table's stream starts being followed (after its full sync, or at once with {@code sync_mode =
   * incr}).
   */
  default void onIncrementalStarted(String table) {}

  /**
   * A stream progress snapshot of a followed table, every {@code progress.log_interval}.
   *
   * @param snapshot a point-in-time view
   */
  default void onStreamProgress(StreamProgress.Snapshot snapshot) {}

  /**
   * A table's stream position was lost and, as {@code incr.on_trimmed = resync} asks, the table is
   * being copied again.
   *
   * @param reason why
   */
  default void onResync(String table, String reason) {}

  /**
   * A table's incremental sync ended: {@code error} is {@code null} when it stopped on request.
   *
   * @param error the error, or {@code null}
   */
  default void onIncrementalStopped(String table, String error) {}

  /** The whole run ended. */
  default void onJobFinished(SyncReport report) {}
}
