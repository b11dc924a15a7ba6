package io.nimo.flink.stream;

import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.stream.ShardCursor;
import io.nimo.core.source.stream.ShardReader;
import io.nimo.core.source.stream.StreamPositionLostException;
import io.nimo.core.source.stream.TableStream;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Reads the shards assigned to one reader round-robin through nimo-core's {@link ShardCursor} (the
 * loop nimo-shake uses: expired iterators, trimmed positions, idle back-off), one GetRecords page
 * per fetch, each shard at most {@code qps.incr} calls per second. A shard whose parent this reader
 * also holds waits until the parent is read to its end (per-key order across a split). A trimmed
 * position stops the job without restarts: changes would be missing.
 */
final class ShardSplitReader implements SplitReader<ShardElement, ShardSplit> {
  private final StreamsApi streams;
  private final Retrier retrier;
  private final Function<String, KeySchema> keys;
  private final ShardReader.Settings settings;
  private final ShardLag lag;
  private final Clock clock;
  private final AutoCloseable endpoints;
  private final Map<String, Active> active = new HashMap<>();
  private final Deque<String> turns = new ArrayDeque<>();
  private final Object idle = new Object();
  private boolean woken;

  /** One shard being read. */
  private static final class Active {
    final ShardSplit split;
    final ShardCursor cursor;
    long nextCallAt;

    Active(ShardSplit split, ShardCursor cursor) {
      this.split = split;
      this.cursor = cursor;
    }
  }

  ShardSplitReader(
      StreamsApi streams,
      Retrier retrier,
      Function<String, KeySchema> keys,
      ShardReader.Settings settings,
      ShardLag lag,
      Clock clock,
      AutoCloseable endpoints) {
    this.streams = streams;
    this.retrier = retrier;
    this.keys = keys;
    this.settings = settings;
    this.lag = lag;
    this.clock = clock;
    this.endpoints = endpoints;
  }

  @Override
  public RecordsWithSplitIds<ShardElement> fetch() throws java.io.IOException {
    RecordsBySplits.Builder<ShardElement> out = new RecordsBySplits.Builder<>();
    long now = clock.millis();
    Active next = null;
    long wait = settings.maxIdleBackoff().toMillis();
    for (int i = 0; i < turns.size() && next == null; i++) {
      String id = turns.poll();
      turns.add(id);
      Active a = active.get(id);
      if (waitsForParent(a.split)) {
        continue;
      }
      if (a.nextCallAt <= now) {
        next = a;
      } else {
        wait = Math.min(wait, a.nextCallAt - now);
      }
    }
    if (next == null) {
      pause(wait);
      return out.build();
    }
    read(next, now, out);
    lag.maybeLog(now);
    return out.build();
  }

  private void read(Active a, long now, RecordsBySplits.Builder<ShardElement> out) {
    String id = a.split.splitId();
    String table = a.split.table();
    ShardCursor.Page page;
    try {
      page = a.cursor.next(settings.recordsPerCall());
    } catch (StreamPositionLostException lost) {
      throw new SuppressRestartsException(lost);
    }
    for (ChangeEvent e : page.events(keys.apply(table))) {
      boolean removed = e.kind() == ChangeEvent.Kind.REMOVE;
      out.add(
          id,
          new ShardElement(
              table,
              e.key().toString(),
              removed ? e.key().values() : e.newImage(),
              removed,
              e.sequenceNumber(),
              now));
    }
    long spacing = 1000L / Math.max(1, settings.qpsPerShard());
    if (page.records().isEmpty()) {
      out.add(id, ShardElement.followed(table, now));
      lag.caughtUp(a.split);
    } else {
      lag.read(a.split, page.newestCreatedMillis(), page.records().size());
    }
    a.nextCallAt = now + Math.max(spacing, a.cursor.idleMillis(settings.maxIdleBackoff()));
    if (page.closed()) {
      out.addFinishedSplit(id);
      active.remove(id);
      turns.remove(id);
      lag.finished(a.split);
    }
  }

  private boolean waitsForParent(ShardSplit s) {
    return s.parentShardId() != null
        && active.containsKey(ShardSplit.id(s.table(), s.parentShardId()));
  }

  private void pause(long millis) {
    synchronized (idle) {
      if (!woken && millis > 0) {
        try {
          idle.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      woken = false;
    }
  }

  @Override
  public void handleSplitsChanges(SplitsChange<ShardSplit> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unexpected split change " + change);
    }
    for (ShardSplit s : change.splits()) {
      ShardCursor cursor =
          new TableStream(s.table(), s.streamArn(), streams, retrier)
              .cursor(s.shardId(), s.sequenceNumber(), s.inclusive());
      active.put(s.splitId(), new Active(s, cursor));
      turns.add(s.splitId());
      lag.track(s);
    }
  }

  @Override
  public void wakeUp() {
    synchronized (idle) {
      woken = true;
      idle.notifyAll();
    }
  }

  @Override
  public void close() throws Exception {
    endpoints.close();
  }
}
