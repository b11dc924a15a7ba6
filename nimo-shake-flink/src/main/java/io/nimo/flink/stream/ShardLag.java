package io.nimo.flink.stream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each shard a reader holds is behind its newest change: a Flink gauge per table and shard
 * ({@code nimoMillisBehindLatest}, 0 when caught up) and a progress line per table every {@code
 * progress.interval}.
 */
final class ShardLag {
  private static final Logger LOG = LoggerFactory.getLogger(ShardLag.class);

  private final MetricGroup metrics;
  private final long logEveryMillis;
  private final Map<String, AtomicLong> behind = new ConcurrentHashMap<>();
  private final Map<String, String> tableOf = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
  private long nextLog;

  ShardLag(MetricGroup metrics, Duration logEvery) {
    this.metrics = metrics;
    this.logEveryMillis = logEvery.toMillis();
  }

  void track(ShardSplit s) {
    AtomicLong value = new AtomicLong();
    if (behind.putIfAbsent(s.splitId(), value) == null) {
      tableOf.put(s.splitId(), s.table());
      metrics
          .addGroup("table", s.table())
          .addGroup("shard", s.shardId())
          .gauge("nimoMillisBehindLatest", (Gauge<Long>) value::get);
    }
  }

  void behind(ShardSplit s, long millis, int read) {
    behind.computeIfAbsent(s.splitId(), k -> new AtomicLong()).set(Math.max(0, millis));
    changes.computeIfAbsent(s.table(), k -> new AtomicLong()).addAndGet(read);
  }

  void caughtUp(ShardSplit s) {
    behind.computeIfAbsent(s.splitId(), k -> new AtomicLong()).set(0);
  }

  void finished(ShardSplit s) {
    AtomicLong gauge = behind.remove(s.splitId());
    if (gauge != null) {
      gauge.set(0);
    }
    tableOf.remove(s.splitId());
  }

  void maybeLog(long now) {
    if (now < nextLog) {
      return;
    }
    nextLog = now + logEveryMillis;
    Map<String, long[]> perTable = new java.util.TreeMap<>();
    behind.forEach(
        (id, v) -> {
          long[] t = perTable.computeIfAbsent(tableOf.get(id), k -> new long[2]);
          t[0]++;
          t[1] = Math.max(t[1], v.get());
        });
    perTable.forEach(
        (table, t) ->
            LOG.info(
                "[stage=incr-flink, table={}] {} shard(s) followed here, {} change(s) read, up to"
                    + " {} ms behind",
                table,
                t[0],
                changes.getOrDefault(table, new AtomicLong()).get(),
                t[1]));
  }
}
