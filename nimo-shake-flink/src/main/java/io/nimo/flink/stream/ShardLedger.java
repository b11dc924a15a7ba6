package io.nimo.flink.stream;

import io.nimo.core.source.stream.ShardInfo;
import io.nimo.flink.stream.TrackedShard.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stream enumerator's bookkeeping, free of Flink: which shards exist, which may be read now
 * (parent done, or never known), who reads them, which are done. A child goes to the reader that
 * read its parent, so the parent's last changes and the child's first travel the same channel in
 * order; shards without a known parent go to the least-loaded reader.
 */
final class ShardLedger {
  private final Map<String, String> streams;
  private final Map<String, TrackedShard> shards = new LinkedHashMap<>();

  ShardLedger(ShardEnumeratorState state) {
    this.streams = new LinkedHashMap<>(state.streams());
    state.shards().forEach(s -> shards.put(s.splitId(), s));
  }

  Map<String, String> streams() {
    return streams;
  }

  /**
   * Adds a table's newly listed shards (read from their oldest record: they were created after the
   * start positions were recorded) and forgets finished shards the stream no longer lists.
   *
   * @return the shards that were waiting to be read and are gone from the stream: their changes are
   *     lost
   */
  List<TrackedShard> merge(String table, List<ShardInfo> listing) {
    Map<String, ShardInfo> listed = new HashMap<>();
    for (ShardInfo s : listing) {
      listed.put(s.shardId(), s);
      shards.putIfAbsent(
          ShardSplit.id(table, s.shardId()),
          new TrackedShard(table, s.shardId(), s.parentShardId(), Status.PENDING, null, false, -1));
    }
    List<TrackedShard> lost = new ArrayList<>();
    shards
        .values()
        .removeIf(
            s -> {
              if (!s.table().equals(table) || listed.containsKey(s.shardId())) {
                return false;
              }
              if (s.status() == Status.PENDING) {
                lost.add(s);
              }
              return s.status() == Status.DONE;
            });
    return lost;
  }

  /** Gives every readable pending shard to a reader; returns the assignments. */
  Map<Integer, List<ShardSplit>> assign(Set<Integer> readers) {
    Map<Integer, List<ShardSplit>> out = new TreeMap<>();
    if (readers.isEmpty()) {
      return out;
    }
    Map<Integer, Integer> load = new HashMap<>();
    readers.forEach(r -> load.put(r, 0));
    for (TrackedShard s : shards.values()) {
      if (s.status() == Status.ASSIGNED && load.containsKey(s.owner())) {
        load.merge(s.owner(), 1, Integer::sum);
      }
    }
    for (TrackedShard s : new ArrayList<>(shards.values())) {
      if (s.status() != Status.PENDING || !parentDone(s)) {
        continue;
      }
      TrackedShard parent = parent(s);
      int owner;
      if (parent != null && readers.contains(parent.owner())) {
        owner = parent.owner();
      } else if (readers.contains(s.owner())) {
        owner = s.owner();
      } else {
        owner = leastLoaded(load);
      }
      load.merge(owner, 1, Integer::sum);
      shards.put(s.splitId(), s.with(Status.ASSIGNED, owner));
      out.computeIfAbsent(owner, k -> new ArrayList<>())
          .add(
              new ShardSplit(
                  s.table(),
                  streams.get(s.table()),
                  s.shardId(),
                  s.parentShardId(),
                  s.sequenceNumber(),
                  s.inclusive(),
                  false));
    }
    return out;
  }

  private static int leastLoaded(Map<Integer, Integer> load) {
    int best = -1;
    for (Map.Entry<Integer, Integer> e : new TreeMap<>(load).entrySet()) {
      if (best < 0 || e.getValue() < load.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  private TrackedShard parent(TrackedShard s) {
    return s.parentShardId() == null
        ? null
        : shards.get(ShardSplit.id(s.table(), s.parentShardId()));
  }

  /** A shard whose parent is unknown (trimmed, or before the start) or done may be read. */
  private boolean parentDone(TrackedShard s) {
    TrackedShard parent = parent(s);
    return parent == null || parent.status() == Status.DONE;
  }

  /** Marks shards read to their end (idempotent: a restored reader may report one again). */
  void finished(Collection<String> splitIds) {
    for (String id : splitIds) {
      TrackedShard s = shards.get(id);
      if (s != null) {
        shards.put(id, s.with(Status.DONE, s.owner()));
      }
    }
  }

  /**
   * Takes back shards given to a failed reader since the last checkpoint; they prefer that reader.
   * Even one reported done since is read again: the restored job replays from that checkpoint.
   */
  void returned(List<ShardSplit> splits, int subtask) {
    for (ShardSplit split : splits) {
      TrackedShard s = shards.get(split.splitId());
      if (s != null) {
        shards.put(
            split.splitId(), s.returnedAt(split.sequenceNumber(), split.inclusive(), subtask));
      }
    }
  }

  long count(Status status) {
    return shards.values().stream().filter(s -> s.status() == status).count();
  }

  ShardEnumeratorState snapshot() {
    return new ShardEnumeratorState(streams, new ArrayList<>(shards.values()));
  }
}
