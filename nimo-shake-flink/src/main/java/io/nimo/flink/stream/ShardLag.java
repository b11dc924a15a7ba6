package io.nimo.flink.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the shards a reader holds are behind their newest change: one Flink gauge per table
 * ({@code nimoMillisBehindLatest}, the worst of its shards here, 0 when caught up), a progress line
 * per table every {@code progress.interval}, and the per-table figures the reader reports to the
 * enumerator. A shard with more records waiting counts as further behind with every passing moment,
 * even while back-pressure keeps it from being read; a closed shard leaves the figures.
 */
final class ShardLag {
  private static final Logger LOG = LoggerFactory.getLogger(ShardLag.class);

  /** One shard's newest change read, and whether it has more waiting. */
  private static final class Shard {
    final String table;
    volatile long newestCreatedMillis;
    volatile boolean caughtUp = true;

    Shard(String table) {
      this.table = table;
    }
  }

  private final MetricGroup metrics;
  private final Clock clock;
  private final long logEveryMillis;
  private final Map<String, Shard> shards = new ConcurrentHashMap<>();
  private final Set<String> gauged = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
  private long nextLog;

  ShardLag(MetricGroup metrics, Duration logEvery, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
    this.logEveryMillis = logEvery.toMillis();
  }

  void track(ShardSplit s) {
    shards.putIfAbsent(s.splitId(), new Shard(s.table()));
    if (gauged.add(s.table())) {
      metrics
          .addGroup("table", s.table())
          .gauge("nimoMillisBehindLatest", (Gauge<Long>) () -> behind(s.table()));
    }
  }

  /** A page of {@code read} records, the newest written at {@code newestCreatedMillis}. */
  void read(ShardSplit s, long newestCreatedMillis, int read) {
    Shard shard = shards.computeIfAbsent(s.splitId(), k -> new Shard(s.table()));
    if (newestCreatedMillis > 0) {
      shard.newestCreatedMillis = newestCreatedMillis;
    }
    shard.caughtUp = newestCreatedMillis <= 0;
    changes.computeIfAbsent(s.table(), k -> new AtomicLong()).addAndGet(read);
  }

  void caughtUp(ShardSplit s) {
    shards.computeIfAbsent(s.splitId(), k -> new Shard(s.table())).caughtUp = true;
  }

  void finished(ShardSplit s) {
    shards.remove(s.splitId());
  }

  /** How far the table's shards here are behind, at worst. */
  long behind(String table) {
    long now = clock.millis();
    long worst = 0;
    for (Shard s : shards.values()) {
      if (s.table.equals(table) && !s.caughtUp && s.newestCreatedMillis > 0) {
        worst = Math.max(worst, now - s.newestCreatedMillis);
      }
    }
    return worst;
  }

  /** Every table followed here, with how far behind it is. */
  Map<String, Long> perTable() {
    Map<String, Long> out = new TreeMap<>();
    shards.values().forEach(s -> out.putIfAbsent(s.table, 0L));
    out.replaceAll((table, zero) -> behind(table));
    return out;
  }

  void maybeLog(long now) {
    if (now < nextLog) {
      return;
    }
    nextLog = now + logEveryMillis;
    Map<String, Long> count = new TreeMap<>();
    shards.values().forEach(s -> count.merge(s.table, 1L, Long::sum));
    count.forEach(
        (table, n) ->
            LOG.info(
                "[stage=incr-flink, table={}] {} shard(s) followed here, {} change(s) read, up to"
                    + " {} ms behind",
                table,
                n,
                changes.getOrDefault(table, new AtomicLong()).get(),
                behind(table)));
  }
}
