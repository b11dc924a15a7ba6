package io.nimo.core.sync.hooks;

import io.nimo.core.metrics.TableProgress;

/**
 * The end-of-run line of one table.
 *
 * @param progress final counters
 * @param error why the table failed, or {@code null}
 */
public record TableSummary(TableProgress.Snapshot progress, String error) {

  /** Whether the table finished without error. */
  public boolean ok() {
    return error == null && progress.state() == TableProgress.State.DONE;
  }

  @Override
  public String toString() {
    TableProgress.Snapshot s = progress;
    return String.format(
        "%-24s %-8s read=%d written=%d (total %d) retried=%d failed=%d dedup=%d filtered=%d elapsed=%.1fs %.0f items/s%s%s",
        s.table(),
        s.state(),
        s.read(),
        s.written(),
        s.totalWritten(),
        s.retried(),
        s.failed(),
        s.deduplicated(),
        s.filtered(),
        s.elapsedMillis() / 1000.0,
        s.itemsPerSecond(),
        s.notes().isEmpty() ? "" : " notes=" + s.notes(),
        error == null ? "" : " error=" + error);
  }
}
