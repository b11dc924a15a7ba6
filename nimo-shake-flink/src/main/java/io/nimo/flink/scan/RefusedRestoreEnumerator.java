package io.nimo.flink.scan;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Stands in for the enumerator when a restored state is incompatible with the job's plan: it hands
 * out nothing and fails the job without restarts as soon as it starts. A restart would restore the
 * same state and be refused again, so the job stops once, with the reason, instead of looping.
 * (Throwing from {@code restoreEnumerator} itself does not stop a job restored from a savepoint.)
 */
final class RefusedRestoreEnumerator implements SplitEnumerator<ScanSplit, ScanEnumeratorState> {
  private final IllegalStateException reason;
  private final ScanEnumeratorState restored;

  RefusedRestoreEnumerator(IllegalStateException reason, ScanEnumeratorState restored) {
    this.reason = reason;
    this.restored = restored;
  }

  @Override
  public void start() {
    throw new SuppressRestartsException(reason);
  }

  @Override
  public void handleSplitRequest(int subtask, String host) {}

  @Override
  public void addSplitsBack(List<ScanSplit> splits, int subtask) {}

  @Override
  public void addReader(int subtask) {}

  @Override
  public ScanEnumeratorState snapshotState(long checkpointId) {
    return restored; // unchanged, so a later fixed start still finds the first start's counts
  }

  @Override
  public void close() {}
}
