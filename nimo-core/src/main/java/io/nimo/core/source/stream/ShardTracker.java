package io.nimo.core.source.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The shard lineage of one stream: every known shard with its position, which are being read, and
 * which may start. A shard is ready once its parent is settled (fully applied or spooled) or no
 * longer tracked, so per-key order holds across shard splits.
 *
 * <p>Thread-safe: readers report positions while the coordinating thread asks for ready shards.
 */
public final class ShardTracker {
  private final Predicate<ShardCheckpoint.Status> settled;
  private final Map<String, ShardCheckpoint> shards = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /**
   * A tracker for a sink that considers shards in the given statuses done.
   *
   * @param settled whether a shard in a status needs nothing more (so its children may start)
   */
  public ShardTracker(Predicate<ShardCheckpoint.Status> settled) {
    this.settled = settled;
  }

  /** Records a shard's latest position. */
  public void track(ShardCheckpoint position) {
    shards.put(position.shardId(), position);
  }

  /**
   * Starts tracking the listed shards not known yet, as pending shards with no position.
   *
   * @param listed the stream's shards as DescribeStream lists them
   * @return the newly tracked shards
   */
  public List<ShardCheckpoint> addNew(List<ShardInfo> listed) {
    List<ShardCheckpoint> added = new ArrayList<>();
    for (ShardInfo s : listed) {
      if (!shards.containsKey(s.shardId())) {
        ShardCheckpoint c =
            new ShardCheckpoint(
                s.shardId(), s.parentShardId(), null, ShardCheckpoint.Status.PENDING);
        added.add(c);
        track(c);
      }
    }
    return added;
  }

  /**
   * Forgets finished shards that the stream no longer lists (trimmed after 24 h), so the checkpoint
   * does not grow with every shard ever seen. Safe for their children: a shard whose parent is not
   * tracked counts as ready.
   *
   * @param listed the stream's shards as DescribeStream lists them
   * @return the forgotten shard ids
   */
  public List<String> forgetTrimmed(List<ShardInfo> listed) {
    Set<String> present = new HashSet<>();
    listed.forEach(s -> present.add(s.shardId()));
    List<String> gone =
        shards.values().stream()
            .filter(s -> s.status().finished() && !present.contains(s.shardId()))
            .map(ShardCheckpoint::shardId)
            .toList();
    gone.forEach(shards::remove);
    return gone;
  }

  /**
   * Takes up to {@code max} shards that may be read now: not settled, not being read, and whose
   * parent is settled or gone. They count as running until {@link #released}.
   *
   * @param max the most shards the caller can start
   * @return the shards to read, in shard-id order
   */
  public List<ShardCheckpoint> takeReady(int max) {
    List<ShardCheckpoint> out = new ArrayList<>();
    for (ShardCheckpoint s : new TreeMap<>(shards).values()) {
      if (out.size() >= max - running.size()) {
        break;
      }
      if (settled.test(s.status()) || running.contains(s.shardId())) {
        continue;
      }
      ShardCheckpoint parent = s.parentShardId() == null ? null : shards.get(s.parentShardId());
      if (parent == null || settled.test(parent.status())) {
        out.add(s);
      }
    }
    out.forEach(s -> running.add(s.shardId()));
    return out;
  }

  /**
   * Marks a shard as no longer being read.
   *
   * @param shardId the shard
   */
  public void released(String shardId) {
    running.remove(shardId);
  }
}
