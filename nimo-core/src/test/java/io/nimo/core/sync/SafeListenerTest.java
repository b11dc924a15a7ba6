package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.sync.hooks.SyncListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An embedder's listener that throws must never break the sync, nor the other listeners. */
class SafeListenerTest {

  private static final class Recording implements SyncListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void onTableStarted(String table) {
      calls.add("started " + table);
    }

    @Override
    public void onProgress(TableProgress.Snapshot snapshot) {
      calls.add("progress " + snapshot.table());
    }

    @Override
    public void onIncrementalStarted(String table) {
      calls.add("incremental " + table);
    }

    @Override
    public void onStreamProgress(StreamProgress.Snapshot snapshot) {
      calls.add("stream " + snapshot.table());
    }

    @Override
    public void onResync(String table, String reason) {
      calls.add("resync " + table + ": " + reason);
    }

    @Override
    public void onIncrementalStopped(String table, String error) {
      calls.add("stopped " + table + ": " + error);
    }
  }

  private static final class Throwing implements SyncListener {
    int calls;

    @Override
    public void onTableStarted(String table) {
      calls++;
      throw new IllegalStateException("listener bug");
    }

    @Override
    public void onResync(String table, String reason) {
      calls++;
      throw new UnsupportedOperationException("listener bug");
    }
  }

  @Test
  void everyEventReachesEveryListenerInOrderEvenWhenOneThrows() {
    Throwing bad = new Throwing();
    Recording good = new Recording();
    SafeListener safe = new SafeListener(List.of(bad, good));

    safe.onTableStarted("orders");
    safe.onProgress(new TableProgress("orders").snapshot());
    safe.onIncrementalStarted("orders");
    safe.onStreamProgress(new StreamProgress("orders").snapshot(0));
    safe.onResync("orders", "stream trimmed");
    safe.onIncrementalStopped("orders", "boom");

    assertThat(bad.calls).isEqualTo(2);
    assertThat(good.calls)
        .containsExactly(
            "started orders",
            "progress orders",
            "incremental orders",
            "stream orders",
            "resync orders: stream trimmed",
            "stopped orders: boom");
  }
}
