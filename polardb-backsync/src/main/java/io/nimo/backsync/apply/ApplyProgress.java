package io.nimo.backsync.apply;

import io.nimo.backsync.source.ChangeRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts applied changes per table and the lag from PostgreSQL commit to applied in DynamoDB, and
 * logs one line per interval: what a user watching a rollback link wants to see.
 */
final class ApplyProgress {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyProgress.class);
  private static final int SAMPLES = 4096;

  private final long intervalMillis;
  private final int subtask;
  private final Map<String, Long> perTable = new TreeMap<>();
  private final long[] lags = new long[SAMPLES];
  private int lagCount;
  private long seen;
  private long total;
  private long maxLag;
  private long lastLog;

  ApplyProgress(long intervalMillis, int subtask, long now) {
    this.intervalMillis = intervalMillis;
    this.subtask = subtask;
    this.lastLog = now;
  }

  void applied(List<ChangeRecord> records, long now) {
    for (ChangeRecord r : records) {
      perTable.merge(r.table, 1L, Long::sum);
      long lag = Math.max(0, now - r.commitMillis);
      maxLag = Math.max(maxLag, lag);
      // reservoir sample keeps the percentile honest on busy intervals
      if (lagCount < SAMPLES) {
        lags[lagCount++] = lag;
      } else {
        long slot = (long) (Math.random() * (seen + 1));
        if (slot < SAMPLES) {
          lags[(int) slot] = lag;
        }
      }
      seen++;
    }
    total += records.size();
  }

  long total() {
    return total;
  }

  void logIfDue(long now, long retries, long unprocessed) {
    if (now - lastLog < intervalMillis) {
      return;
    }
    long[] sorted = Arrays.copyOf(lags, lagCount);
    Arrays.sort(sorted);
    long p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    long p99 =
        sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)];
    LOG.info(
        "backsync writer {}: applied {} change(s) in the last {} s {}; lag commit->applied p50 {} ms,"
            + " p99 {} ms, max {} ms; total {}, retries {}, unprocessed re-sent {}",
        subtask,
        seen,
        (now - lastLog) / 1000,
        perTable,
        p50,
        p99,
        maxLag,
        total,
        retries,
        unprocessed);
    perTable.clear();
    lagCount = 0;
    seen = 0;
    maxLag = 0;
    lastLog = now;
  }
}
