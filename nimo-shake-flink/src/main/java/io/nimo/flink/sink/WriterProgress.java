package io.nimo.flink.sink;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one writer wrote, per table: Flink counters ({@code nimoItemsWritten} for scanned images,
 * {@code nimoChangesApplied} for stream changes, in a {@code table} group, so any metrics reporter
 * sees them) and a progress line per table every {@code progress.interval}. Thread-safe: the
 * writer's lanes report from their own threads.
 */
final class WriterProgress {
  private static final Logger LOG = LoggerFactory.getLogger(WriterProgress.class);

  private final MetricGroup metrics;
  private final Duration every;
  private final Clock clock;
  private final int subtask;
  private final Map<String, Counter[]> tables = new TreeMap<>();
  private long nextLog;

  WriterProgress(MetricGroup metrics, Duration every, Clock clock, int subtask) {
    this.metrics = metrics;
    this.every = every;
    this.clock = clock;
    this.subtask = subtask;
    this.nextLog = clock.millis() + every.toMillis();
  }

  private Counter[] of(String table) {
    return tables.computeIfAbsent(
        table,
        t -> {
          MetricGroup g = metrics.addGroup("table", t);
          return new Counter[] {g.counter("nimoItemsWritten"), g.counter("nimoChangesApplied")};
        });
  }

  synchronized void scanned(String table, long written) {
    of(table)[0].inc(written);
  }

  synchronized void applied(String table, long changes, long written) {
    of(table)[1].inc(changes);
  }

  synchronized void maybeLog() {
    long now = clock.millis();
    if (now < nextLog) {
      return;
    }
    nextLog = now + every.toMillis();
    tables.forEach(
        (t, c) ->
            LOG.info(
                "[stage=flink, table={}] writer {}: {} scanned item(s) written, {} change(s)"
                    + " applied",
                t,
                subtask,
                c[0].getCount(),
                c[1].getCount()));
  }
}
