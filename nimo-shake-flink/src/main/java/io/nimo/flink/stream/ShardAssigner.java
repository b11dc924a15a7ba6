package io.nimo.flink.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.ShardCheckpoint.Status;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.source.stream.ShardTracker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stream enumerator's bookkeeping, free of Flink: one nimo-core {@link ShardTracker} per table
 * (the lineage rules nimo-shake uses too) and the choice of reader for each shard that may start:
 * the tracker's preferred reader (the one that finished its parent) when it is registered, else the
 * least-loaded one.
 */
final class ShardAssigner {
  private final Map<String, String> streams;
  private final Map<String, Long> confirmedAt;
  private final Map<String, ShardTracker> tables = new LinkedHashMap<>();

  ShardAssigner(ShardEnumeratorState state) {
    this.streams = new LinkedHashMap<>(state.streams());
    this.confirmedAt = new HashMap<>(state.confirmedAt());
    streams.keySet().forEach(this::tracker);
    for (TrackedShard s : state.shards()) {
      ShardTracker t = tracker(s.table());
      t.track(s.position(), s.reader());
      if (s.position().status() == Status.READING) {
        t.started(s.position().shardId(), s.reader()); // its reader's restored state holds it
      }
    }
  }

  private ShardTracker tracker(String table) {
    return tables.computeIfAbsent(table, t -> new ShardTracker(t, Status::finished));
  }

  Map<String, String> streams() {
    return streams;
  }

  /**
   * Takes in a table's listing: new shards, forgotten ones, and the time the stream was last seen
   * followed.
   *
   * @throws io.nimo.core.source.stream.StreamPositionLostException if a shard not read to its end
   *     left the stream
   */
  void merge(String table, List<ShardInfo> listing, long nowMillis) {
    tracker(table).merge(listing);
    confirmedAt.put(table, nowMillis);
  }

  /**
   * Refuses to hand out shards without a position after a pause near the stream's retention.
   *
   * @throws io.nimo.core.source.stream.StreamPositionLostException naming the table and shards
   */
  void requireFresh(long nowMillis) {
    tables.forEach((table, t) -> t.requireFresh(confirmedAt.getOrDefault(table, 0L), nowMillis));
  }

  /** Gives every shard that may start to a reader; returns the assignments. */
  Map<Integer, List<ShardSplit>> assign(Set<Integer> readers) {
    Map<Integer, List<ShardSplit>> out = new TreeMap<>();
    if (readers.isEmpty()) {
      return out;
    }
    Map<Integer, Integer> load = load(readers);
    tables.forEach(
        (table, t) -> {
          for (ShardCheckpoint s : t.ready()) {
            int preferred = t.preferredReader(s.shardId());
            int reader = readers.contains(preferred) ? preferred : leastLoaded(load);
            load.merge(reader, 1, Integer::sum);
            t.track(s.withStatus(Status.READING));
            t.started(s.shardId(), reader);
            out.computeIfAbsent(reader, k -> new ArrayList<>())
                .add(
                    new ShardSplit(
                        table,
                        streams.get(table),
                        s.shardId(),
                        s.parentShardId(),
                        s.sequenceNumber(),
                        s.inclusive(),
                        false,
                        confirmedAt.getOrDefault(table, 0L)));
          }
        });
    return out;
  }

  private Map<Integer, Integer> load(Set<Integer> readers) {
    Map<Integer, Integer> load = new TreeMap<>();
    readers.forEach(r -> load.put(r, 0));
    tables
        .values()
        .forEach(
            t ->
                t.shards().stream()
                    .filter(s -> s.status() == Status.READING)
                    .map(s -> t.lastReader(s.shardId()))
                    .filter(load::containsKey)
                    .forEach(r -> load.merge(r, 1, Integer::sum)));
    return load;
  }

  private static int leastLoaded(Map<Integer, Integer> load) {
    int best = -1;
    for (Map.Entry<Integer, Integer> e : load.entrySet()) {
      if (best < 0 || e.getValue() < load.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  /**
   * Marks shards read to their end by {@code reader} (idempotent: a restored reader may report one
   * again); their children prefer that reader.
   */
  void finished(Collection<String> splitIds, int reader) {
    for (String id : splitIds) {
      ShardTracker t = tables.get(ShardSplit.tableOf(id));
      if (t != null) {
        t.finished(ShardSplit.shardOf(id), reader);
      }
    }
  }

  /**
   * Takes back shards given to a failed reader since the last checkpoint, at their positions; they
   * prefer that reader. Even one reported done since is read again: the restored job replays from
   * that checkpoint.
   */
  void returned(List<ShardSplit> splits, int reader) {
    for (ShardSplit split : splits) {
      ShardTracker t = tables.get(split.table());
      ShardCheckpoint s = t == null ? null : t.get(split.shardId());
      if (s != null) {
        t.track(
            new ShardCheckpoint(
                s.shardId(),
                s.parentShardId(),
                split.sequenceNumber(),
                Status.PENDING,
                split.inclusive()),
            reader);
        t.released(s.shardId());
      }
    }
  }

  long count(Status status) {
    return tables.values().stream()
        .flatMap(t -> t.shards().stream())
        .filter(s -> s.status() == status)
        .count();
  }

  ShardEnumeratorState snapshot() {
    List<TrackedShard> shards = new ArrayList<>();
    tables.forEach(
        (table, t) ->
            t.shards()
                .forEach(s -> shards.add(new TrackedShard(table, s, t.lastReader(s.shardId())))));
    return new ShardEnumeratorState(streams, confirmedAt, shards);
  }
}
