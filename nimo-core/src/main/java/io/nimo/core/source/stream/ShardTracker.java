package io.nimo.core.source.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.dynamo.ShardInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The shard lineage of one table's stream, the one model both hosts use (nimo-shake's stream sync
 * and spool, and the Flink job's shard enumerator): every known shard with its position, which are
 * being read and by which reader, and which may start. A shard may start once its parent is settled
 * (fully applied, or spooled for the spool) or no longer tracked, and it prefers the reader that
 * finished its parent, so the parent's last changes and the child's first travel in order.
 *
 * <p>Thread-safe: readers report positions while a coordinating thread asks for ready shards.
 */
public final class ShardTracker {
  private final String table;
  private final Predicate<ShardCheckpoint.Status> settled;
  private final Map<String, ShardCheckpoint> shards = new TreeMap<>();
  private final Set<String> running = new HashSet<>();
  private final Map<String, Integer> lastReader = new HashMap<>();

  /**
   * A tracker for a sink that considers shards in the given statuses done.
   *
   * @param table the source table, for messages
   * @param settled whether a shard in a status needs nothing more (so its children may start)
   */
  public ShardTracker(String table, Predicate<ShardCheckpoint.Status> settled) {
    this.table = table;
    this.settled = settled;
  }

  /**
   * What a new listing of the stream changed.
   *
   * @param added shards not known before, now tracked as pending with no position
   * @param forgotten finished shards the stream no longer lists, no longer tracked
   */
  public record Changes(List<ShardCheckpoint> added, List<String> forgotten) {}

  /** Records a shard's latest position. */
  public synchronized void track(ShardCheckpoint position) {
    shards.put(position.shardId(), position);
  }

  /** Records a shard's position and the reader that holds it (restored state). */
  public synchronized void track(ShardCheckpoint position, int reader) {
    track(position);
    if (reader >= 0) {
      lastReader.put(position.shardId(), reader);
    }
  }

  /**
   * Takes in a listing of the stream: shards not known yet are tracked as pending (read from their
   * oldest record: they were created after the positions were recorded), and finished shards it no
   * longer lists are forgotten (trimmed 24 h after they closed), so the state does not grow with
   * every shard ever seen. Safe for their children: a shard whose parent is not tracked is ready.
   *
   * @throws StreamPositionLostException if a shard not read to its end left the stream
   */
  public synchronized Changes merge(List<ShardInfo> listed) {
    Set<String> present = new HashSet<>();
    listed.forEach(s -> present.add(s.shardId()));
    for (ShardCheckpoint s : shards.values()) {
      if (!present.contains(s.shardId()) && !settled.test(s.status())) {
        throw StreamPositionLostException.shardLeft(table, s.shardId());
      }
    }
    List<String> gone =
        shards.values().stream()
            .filter(s -> s.status().finished() && !present.contains(s.shardId()))
            .map(ShardCheckpoint::shardId)
            .toList();
    gone.forEach(
        id -> {
          shards.remove(id);
          lastReader.remove(id);
        });
    List<ShardCheckpoint> added = new ArrayList<>();
    for (ShardInfo s : listed) {
      if (!shards.containsKey(s.shardId())) {
        ShardCheckpoint c =
            new ShardCheckpoint(
                s.shardId(), s.parentShardId(), null, ShardCheckpoint.Status.PENDING);
        added.add(c);
        shards.put(c.shardId(), c);
      }
    }
    return new Changes(added, gone);
  }

  /**
   * The shards that may be read now: not settled, not being read, and whose parent is settled or
   * gone; in shard-id order.
   */
  public synchronized List<ShardCheckpoint> ready() {
    List<ShardCheckpoint> out = new ArrayList<>();
    for (ShardCheckpoint s : shards.values()) {
      if (settled.test(s.status()) || running.contains(s.shardId())) {
        continue;
      }
      ShardCheckpoint parent = s.parentShardId() == null ? null : shards.get(s.parentShardId());
      if (parent == null || settled.test(parent.status())) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Takes up to {@code max} ready shards for interchangeable readers (a thread pool); they count as
   * running until {@link #released}.
   *
   * @param max the most shards read at once
   */
  public synchronized List<ShardCheckpoint> takeReady(int max) {
    List<ShardCheckpoint> out = new ArrayList<>();
    for (ShardCheckpoint s : ready()) {
      if (out.size() >= max - running.size()) {
        break;
      }
      out.add(s);
    }
    out.forEach(s -> started(s.shardId(), 0));
    return out;
  }

  /** A reader starts reading the shard. */
  public synchronized void started(String shardId, int reader) {
    running.add(shardId);
    lastReader.put(shardId, reader);
  }

  /** A reader read the shard to its end: it is done, and its children prefer that reader. */
  public synchronized void finished(String shardId, int reader) {
    ShardCheckpoint s = shards.get(shardId);
    if (s != null) {
      shards.put(shardId, s.withStatus(ShardCheckpoint.Status.DONE));
      lastReader.put(shardId, reader);
    }
    running.remove(shardId);
  }

  /** The shard is no longer being read (stopped, failed, or handed back). */
  public synchronized void released(String shardId) {
    running.remove(shardId);
  }

  /**
   * The reader a shard should go to: the one that finished its parent, else the one that read it
   * last; -1 if neither is known.
   */
  public synchronized int preferredReader(String shardId) {
    ShardCheckpoint s = shards.get(shardId);
    if (s != null && s.parentShardId() != null) {
      ShardCheckpoint parent = shards.get(s.parentShardId());
      Integer r = lastReader.get(s.parentShardId());
      if (parent != null && settled.test(parent.status()) && r != null) {
        return r;
      }
    }
    return lastReader.getOrDefault(shardId, -1);
  }

  /** The reader that last held a shard, or -1. */
  public synchronized int lastReader(String shardId) {
    return lastReader.getOrDefault(shardId, -1);
  }

  /** A shard's tracked position, or {@code null}. */
  public synchronized ShardCheckpoint get(String shardId) {
    return shards.get(shardId);
  }

  /** Every tracked shard, in shard-id order. */
  public synchronized List<ShardCheckpoint> shards() {
    return List.copyOf(shards.values());
  }

  /**
   * Applies the {@link StaleStart} rule to the tracked shards that still need reading and have no
   * position.
   *
   * @param confirmedAtMillis when the stream was last followed, 0 if unknown
   * @param nowMillis the time now
   * @throws StreamPositionLostException if such shards would start from a stale TRIM_HORIZON
   */
  public synchronized void requireFresh(long confirmedAtMillis, long nowMillis) {
    StaleStart.check(
        table,
        confirmedAtMillis,
        nowMillis,
        shards.values().stream()
            .filter(s -> !s.status().finished() && s.sequenceNumber() == null)
            .map(ShardCheckpoint::shardId)
            .toList());
  }
}
