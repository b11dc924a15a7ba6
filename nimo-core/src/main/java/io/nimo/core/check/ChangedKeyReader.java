package io.nimo.core.check;

import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.dynamo.ShardRecord;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.stream.ShardDrain;
import io.nimo.core.source.stream.StreamPositionLostException;
import io.nimo.core.source.stream.TableStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distinct keys of a table changed since a {@link CheckEpoch}: every shard of the stream now,
 * read from the epoch's position (a shard born since, from its oldest record) to its current end.
 * Shard order does not matter for a set of keys, so shards are read one after another. Refuses,
 * with {@link EpochUnusableException}, whatever would make the set incomplete.
 */
final class ChangedKeyReader {
  /** DynamoDB Streams keep records 24 h; the margin covers clock skew and the read itself. */
  static final Duration RETENTION = Duration.ofHours(24).minusMinutes(10);

  private final DynamoTables source;
  private final StreamsApi streams;
  private final Retrier retrier;
  private final Clock clock;

  ChangedKeyReader(DynamoTables source, StreamsApi streams, Retrier retrier, Clock clock) {
    this.source = source;
    this.streams = streams;
    this.retrier = retrier;
    this.clock = clock;
  }

  /** Refuses an epoch that cannot be read soundly any more, before anything is read. */
  void verify(CheckEpoch epoch) {
    String table = epoch.table();
    if (clock.instant().isAfter(epoch.startedAt().plus(RETENTION))) {
      throw new EpochUnusableException(
          "the epoch of table "
              + table
              + " (begun "
              + epoch.startedAt()
              + ") is older than the stream's 24 h retention: run a full check");
    }
    String now =
        retrier.call("DescribeTable " + table, () -> source.describeTable(table)).streamArn();
    if (!epoch.streamArn().equals(now)) {
      throw new EpochUnusableException(
          "the stream of table "
              + table
              + " was replaced since the epoch of "
              + epoch.startedAt()
              + " (then "
              + epoch.streamArn()
              + ", now "
              + now
              + "), so changes in between are unknown: run a full check");
    }
  }

  Set<ItemKey> changedSince(CheckEpoch epoch, KeySchema keys) {
    Set<ItemKey> changed = new LinkedHashSet<>();
    read(epoch, page -> addKeys(page, keys, changed), page -> false);
    return changed;
  }

  /**
   * Whether the table's stream holds any record after the epoch's positions, i.e. whether the
   * source changed since the epoch began; stops at the first record found.
   *
   * @throws EpochUnusableException if that cannot be known (trimmed, replaced, too old)
   */
  boolean changedAtAll(CheckEpoch epoch) {
    boolean[] any = {false};
    read(epoch, page -> any[0] |= !page.isEmpty(), page -> !page.isEmpty());
    return any[0];
  }

  private void read(
      CheckEpoch epoch,
      java.util.function.Consumer<List<ShardRecord>> pages,
      java.util.function.Predicate<List<ShardRecord>> stopWhen) {
    verify(epoch);
    String table = epoch.table();
    String arn = epoch.streamArn();
    TableStream stream = new TableStream(table, arn, streams, retrier);
    List<ShardInfo> shards = stream.shards();
    Map<String, CheckEpoch.ShardPosition> then = new HashMap<>();
    epoch.shards().forEach(p -> then.put(p.shardId(), p));
    Set<String> present = new java.util.HashSet<>();
    shards.forEach(s -> present.add(s.shardId()));
    for (CheckEpoch.ShardPosition p : epoch.shards()) {
      if (!p.closed() && !present.contains(p.shardId())) {
        throw trimmed(table, p.shardId(), null);
      }
    }
    for (ShardInfo s : shards) {
      CheckEpoch.ShardPosition p = then.get(s.shardId());
      if (p != null && p.closed()) {
        continue;
      }
      String after = p == null ? null : p.lastSequenceNumber();
      try {
        ShardDrain.drain(stream.cursor(s.shardId(), after, false), pages, stopWhen);
      } catch (StreamPositionLostException lost) {
        throw trimmed(table, s.shardId(), lost);
      }
    }
  }

  private static void addKeys(List<ShardRecord> page, KeySchema keys, Set<ItemKey> into) {
    for (ShardRecord r : page) {
      into.add(keys.keyOf(r.keys()));
    }
  }

  private static EpochUnusableException trimmed(String table, String shard, Exception cause) {
    EpochUnusableException e =
        new EpochUnusableException(
            "table "
                + table
                + " shard "
                + shard
                + ": the epoch's position was trimmed from the stream, so changes since are"
                + " unknown: run a full check");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
