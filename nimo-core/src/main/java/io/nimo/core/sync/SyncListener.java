package io.nimo.core.sync;

import io.nimo.core.metrics.TableProgress;

/**
 * Callbacks on a {@link SyncJob}'s life, for embedders who orchestrate or monitor it. Called from
 * the job's own threads (one per running table, and the thread that called {@link SyncJob#run()}),
 * so implementations must be thread-safe and must not block; an exception thrown by a callback is
 * logged and otherwise ignored.
 */
public interface SyncListener {
  /** A table's full sync begins (its target table is about to be prepared or resumed). */
  default void onTableStarted(String table) {}

  /** A progress snapshot of a running table, every {@code progress.log_interval}. */
  default void onProgress(TableProgress.Snapshot snapshot) {}

  /** A table finished, stopped or failed; the summary says which. */
  default void onTableFinished(TableSummary summary) {}

  /** The whole run ended. */
  default void onJobFinished(SyncReport report) {}
}
