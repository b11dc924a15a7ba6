package io.nimo.core.sync;

import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.sync.hooks.SyncListener;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.sync.hooks.TableSummary;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans callbacks out to the registered listeners; a listener that throws is logged, never fatal.
 */
final class SafeListener implements SyncListener {
  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);
  private final List<SyncListener> listeners;

  SafeListener(List<SyncListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(String what, java.util.function.Consumer<SyncListener> call) {
    for (SyncListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("sync listener {} failed in {}: {}", l.getClass().getName(), what, e.toString());
      }
    }
  }

  @Override
  public void onTableStarted(String table) {
    each("onTableStarted", l -> l.onTableStarted(table));
  }

  @Override
  public void onProgress(TableProgress.Snapshot snapshot) {
    each("onProgress", l -> l.onProgress(snapshot));
  }

  @Override
  public void onTableFinished(TableSummary summary) {
    each("onTableFinished", l -> l.onTableFinished(summary));
  }

  @Override
  public void onIncrementalStarted(String table) {
    each("onIncrementalStarted", l -> l.onIncrementalStarted(table));
  }

  @Override
  public void onStreamProgress(StreamProgress.Snapshot snapshot) {
    each("onStreamProgress", l -> l.onStreamProgress(snapshot));
  }

  @Override
  public void onResync(String table, String reason) {
    each("onResync", l -> l.onResync(table, reason));
  }

  @Override
  public void onIncrementalStopped(String table, String error) {
    each("onIncrementalStopped", l -> l.onIncrementalStopped(table, error));
  }

  @Override
  public void onJobFinished(SyncReport report) {
    each("onJobFinished", l -> l.onJobFinished(report));
  }
}
