package io.nimo.core.sync.run;

import io.nimo.core.metrics.JobProgress;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.sync.hooks.ItemTransformer;
import io.nimo.core.sync.hooks.SyncListener;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the phases of one sync run share besides the endpoints they are given: the embedder's hooks
 * and the live state the job reports.
 *
 * @param transformer changes or skips items before they are written
 * @param listener progress and completion callbacks (never throws)
 * @param progress full-sync progress per table
 * @param streamProgress incremental progress per table
 * @param stopRequested set once a stop was asked for
 */
public record SyncRun(
    ItemTransformer transformer,
    SyncListener listener,
    JobProgress progress,
    Map<String, StreamProgress> streamProgress,
    AtomicBoolean stopRequested) {

  /** Whether a stop was asked for. */
  public boolean stopping() {
    return stopRequested.get();
  }
}
