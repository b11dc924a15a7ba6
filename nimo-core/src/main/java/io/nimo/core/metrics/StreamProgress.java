package io.nimo.core.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one table's incremental sync. Thread-safe. */
public final class StreamProgress {
  private final String table;
  private final LongAdder read = new LongAdder();
  private final LongAdder applied = new LongAdder();
  private final LongAdder ttlDeletes = new LongAdder();
  private final LongAdder applyErrors = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final AtomicLong lastAppliedCreationMillis = new AtomicLong();
  private final AtomicLong lastCheckpointMillis = new AtomicLong();
  private final Map<String, ShardState> shards = new ConcurrentHashMap<>();
  private final Map<String, Boolean> behind = new ConcurrentHashMap<>();

  /** What the status endpoint shows of a shard. */
  public record ShardState(
      String parentShardId, String sequenceNumber, String status, long updatedMillis) {}

  /** Empty progress of a table. */
  public StreamProgress(String table) {
    this.table = table;
  }

  /** The table. */
  public String table() {
    return table;
  }

  /**
   * Counts one applied page: its records, items written, TTL deletes and newest creation time.
   *
   * @param records records read
   * @param appliedItems items written
   * @param ttl TTL deletes among them
   * @param newestCreationMillis the newest record's creation time in epoch milliseconds
   * @param nowMillis the current time in epoch milliseconds
   */
  public void recordBatch(
      int records, long appliedItems, long ttl, long newestCreationMillis, long nowMillis) {
    read.add(records);
    applied.add(appliedItems);
    ttlDeletes.add(ttl);
    batches.increment();
    lastAppliedCreationMillis.accumulateAndGet(newestCreationMillis, Math::max);
    lastCheckpointMillis.set(nowMillis);
  }

  /**
   * Whether a shard being read still has records to apply (its last poll returned some).
   *
   * @param shardId the shard
   * @param isBehind whether the last poll returned records
   */
  public void shardBehind(String shardId, boolean isBehind) {
    if (isBehind) {
      behind.put(shardId, true);
    } else {
      behind.remove(shardId);
    }
  }

  /** Counts a failed apply. */
  public void applyError() {
    applyErrors.increment();
  }

  /**
   * Records a shard's latest state.
   *
   * @param shardId the shard
   */
  public void shard(String shardId, ShardState state) {
    shards.put(shardId, state);
  }

  /**
   * Drops a shard that left the stream.
   *
   * @param shardId the shard
   */
  public void forget(String shardId) {
    shards.remove(shardId);
    behind.remove(shardId);
  }

  /**
   * A point-in-time view.
   *
   * @param nowMillis the current time in epoch milliseconds
   */
  public Snapshot snapshot(long nowMillis) {
    long last = lastAppliedCreationMillis.get();
    long cp = lastCheckpointMillis.get();
    long open =
        shards.values().stream()
            .filter(s -> s.status().equals("in processing") || s.status().equals("spooling"))
            .count();
    return new Snapshot(
        table,
        read.sum(),
        applied.sum(),
        ttlDeletes.sum(),
        applyErrors.sum(),
        batches.sum(),
        last == 0 ? -1 : behind.isEmpty() ? 0 : Math.max(0, nowMillis - last),
        cp == 0 ? -1 : nowMillis - cp,
        open,
        Map.copyOf(shards));
  }

  /**
   * A point-in-time view.
   *
   * @param lagMillis now minus the creation time of the newest applied record while some shard is
   *     behind; 0 when every shard being read is caught up; -1 before the first record
   * @param checkpointAgeMillis time since the last checkpointed batch; -1 before the first
   */
  public record Snapshot(
      String table,
      long read,
      long applied,
      long ttlDeletes,
      long applyErrors,
      long batches,
      long lagMillis,
      long checkpointAgeMillis,
      long openShards,
      Map<String, ShardState> shards) {

    @Override
    public String toString() {
      return String.format(
          "%-24s INCR     records=%d applied=%d ttl_deletes=%d apply_errors=%d shards=%d lag=%s",
          table,
          read,
          applied,
          ttlDeletes,
          applyErrors,
          shards.size(),
          lagMillis < 0 ? "-" : lagMillis + "ms");
    }
  }
}
