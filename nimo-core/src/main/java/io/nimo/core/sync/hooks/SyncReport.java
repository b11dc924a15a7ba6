package io.nimo.core.sync.hooks;

import io.nimo.core.metrics.StreamProgress;
import java.util.List;

/**
 * What a {@link io.nimo.core.sync.SyncJob} run did.
 *
 * @param outcome how the run ended
 * @param tables one full-sync summary per selected table
 * @param streams incremental-sync counters per table (empty without an incremental phase)
 * @param message a one-line explanation for logs
 */
public record SyncReport(
    Outcome outcome,
    List<TableSummary> tables,
    List<StreamProgress.Snapshot> streams,
    String message) {

  /**
   * Copies the lists.
   *
   * @param outcome how the run ended
   * @param tables the table names
   * @param streams the streams endpoint
   * @param message what went wrong
   */
  public SyncReport {
    tables = List.copyOf(tables);
    streams = List.copyOf(streams);
  }

  /**
   * A report of a run that had no incremental phase.
   *
   * @param outcome how the run ended
   * @param tables the table names
   * @param message what went wrong
   */
  public SyncReport(Outcome outcome, List<TableSummary> tables, String message) {
    this(outcome, tables, List.of(), message);
  }

  /** How a run ended. */
  public enum Outcome {
    /** Every table is fully copied. */
    COMPLETED,
    /** A previous run already completed this job (per the checkpoint); nothing was done. */
    ALREADY_COMPLETED,
    /** {@link io.nimo.core.sync.SyncJob#stop()} was called; progress is checkpointed. */
    STOPPED,
    /**
     * The incremental sync was stopped on request (the normal end of {@code all} / {@code incr}).
     */
    INCREMENTAL_STOPPED,
    /** A table failed; progress is checkpointed and a re-run resumes. */
    FAILED
  }

  /** Whether the run ended without failure (completed, already completed or stopped on request). */
  public boolean ok() {
    return outcome == Outcome.COMPLETED
        || outcome == Outcome.ALREADY_COMPLETED
        || outcome == Outcome.INCREMENTAL_STOPPED;
  }
}
