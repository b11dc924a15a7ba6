package io.nimo.core.testkit;

import io.nimo.core.dynamo.IteratorExpiredException;
import io.nimo.core.dynamo.PositionTrimmedException;
import io.nimo.core.dynamo.RecordsPage;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.dynamo.ShardRecord;
import io.nimo.core.dynamo.StreamsApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stream whose shards and records a test scripts: shard splits (a closed parent with open
 * children), records appended while the sync runs, an iterator that expires, a trimmed position.
 * Iterators are {@code shardId#index}. Every GetRecords call is logged, to check read order.
 */
public final class ScriptedStreamsApi implements StreamsApi {
  private final Map<String, List<ShardRecord>> records = new ConcurrentHashMap<>();
  private final Map<String, ShardInfo> shards = new java.util.LinkedHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger(100);
  private final AtomicInteger expireNext = new AtomicInteger();
  private volatile String trimmedShard;
  private final Map<String, String> trimmedUpTo = new ConcurrentHashMap<>();
  public final List<String> reads = new CopyOnWriteArrayList<>();
  public final List<String> iteratorRequests = new CopyOnWriteArrayList<>();

  public synchronized ScriptedStreamsApi shard(String id, String parent) {
    shards.put(id, new ShardInfo(id, parent, null));
    records.putIfAbsent(id, new CopyOnWriteArrayList<>());
    return this;
  }

  /** Closes a shard (after a split): its reader gets a null next iterator once drained. */
  public synchronized ScriptedStreamsApi close(String id) {
    ShardInfo s = shards.get(id);
    shards.put(id, new ShardInfo(id, s.parentShardId(), "999999"));
    return this;
  }

  /** The shard leaves the stream, as DynamoDB trims shards 24 h after they close. */
  public synchronized ScriptedStreamsApi drop(String id) {
    shards.remove(id);
    return this;
  }

  public ScriptedStreamsApi put(String shard, Map<String, AttributeValue> item, String keyName) {
    return add(shard, ShardRecord.Op.MODIFY, item, keyName);
  }

  public ScriptedStreamsApi remove(String shard, Map<String, AttributeValue> key) {
    return add(shard, ShardRecord.Op.REMOVE, key, key.keySet().iterator().next());
  }

  private ScriptedStreamsApi add(
      String shard, ShardRecord.Op op, Map<String, AttributeValue> item, String keyName) {
    records
        .get(shard)
        .add(
            new ShardRecord(
                String.format("%021d", sequence.incrementAndGet()),
                Instant.now(),
                op,
                Map.of(keyName, item.get(keyName)),
                op == ShardRecord.Op.REMOVE ? null : item,
                false));
    return this;
  }

  /** The next {@code n} GetRecords calls fail with IteratorExpiredException. */
  public ScriptedStreamsApi expireIterators(int n) {
    expireNext.set(n);
    return this;
  }

  /** Opening an iterator on this shard fails with PositionTrimmedException. */
  public ScriptedStreamsApi trim(String shard) {
    trimmedShard = shard;
    return this;
  }

  /**
   * DynamoDB trims the shard's records present now (as after 24 h): positions among them fail with
   * PositionTrimmedException, TRIM_HORIZON starts after them.
   */
  public synchronized ScriptedStreamsApi trimBefore(String shard) {
    List<ShardRecord> list = records.get(shard);
    if (!list.isEmpty()) {
      trimmedUpTo.put(shard, list.get(list.size() - 1).sequenceNumber());
    }
    return this;
  }

  @Override
  public synchronized List<ShardInfo> shards(String streamArn) {
    return new ArrayList<>(shards.values());
  }

  @Override
  public String iterator(
      String streamArn, String shardId, String sequenceNumber, boolean inclusive) {
    iteratorRequests.add(shardId + (inclusive ? "@at:" : "@") + sequenceNumber);
    if (shardId.equals(trimmedShard)) {
      throw new PositionTrimmedException(new IllegalStateException("trimmed (injected)"));
    }
    String trimmed = trimmedUpTo.get(shardId);
    if (trimmed != null && sequenceNumber != null && sequenceNumber.compareTo(trimmed) <= 0) {
      throw new PositionTrimmedException(new IllegalStateException("trimmed (injected)"));
    }
    List<ShardRecord> list = records.get(shardId);
    int index = 0;
    if (sequenceNumber == null && trimmed != null) {
      while (index < list.size() && list.get(index).sequenceNumber().compareTo(trimmed) <= 0) {
        index++;
      }
    } else if (sequenceNumber != null) {
      while (index < list.size()
          && list.get(index).sequenceNumber().compareTo(sequenceNumber) < (inclusive ? 0 : 1)) {
        index++;
      }
    }
    return shardId + "#" + index;
  }

  @Override
  public synchronized String latestIterator(String streamArn, String shardId) {
    String it = shardId + "#" + records.get(shardId).size();
    iteratorRequests.add(shardId + "@latest"); // recorded once the iterator's place is taken
    return it;
  }

  @Override
  public synchronized RecordsPage records(String iterator, int limit) {
    if (expireNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IteratorExpiredException(new IllegalStateException("expired (injected)"));
    }
    String shard = iterator.substring(0, iterator.indexOf('#'));
    int index = Integer.parseInt(iterator.substring(iterator.indexOf('#') + 1));
    List<ShardRecord> list = records.get(shard);
    int end = Math.min(list.size(), index + Math.min(limit, 2));
    List<ShardRecord> page = new ArrayList<>(list.subList(index, end));
    page.forEach(r -> reads.add(shard + ":" + r.sequenceNumber()));
    boolean drained = end == list.size() && shards.get(shard).closed();
    return new RecordsPage(page, drained ? null : shard + "#" + end);
  }

  @Override
  public void close() {}
}
