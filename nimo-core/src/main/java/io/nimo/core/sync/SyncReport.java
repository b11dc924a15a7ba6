package io.nimo.core.sync;

import java.util.List;

/**
 * What a {@link SyncJob} run did.
 *
 * @param outcome how the run ended
 * @param tables one summary per selected table
 * @param message a one-line explanation for logs
 */
public record SyncReport(Outcome outcome, List<TableSummary> tables, String message) {

  public SyncReport {
    tables = List.copyOf(tables);
  }

  /** How a run ended. */
  public enum Outcome {
    /** Every table is fully copied. */
    COMPLETED,
    /** A previous run already completed this job (per the checkpoint); nothing was done. */
    ALREADY_COMPLETED,
    /** {@link SyncJob#stop()} was called; progress is checkpointed. */
    STOPPED,
    /** A table failed; progress is checkpointed and a re-run resumes. */
    FAILED
  }

  public boolean ok() {
    return outcome == Outcome.COMPLETED || outcome == Outcome.ALREADY_COMPLETED;
  }
}
