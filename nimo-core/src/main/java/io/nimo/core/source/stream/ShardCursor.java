package io.nimo.core.source.stream;

import io.nimo.core.dynamo.IteratorExpiredException;
import io.nimo.core.dynamo.PositionTrimmedException;
import io.nimo.core.dynamo.RecordsPage;
import io.nimo.core.dynamo.ShardRecord;
import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ChangeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loop every stream reader is built on (nimo-shake's shard readers and spool, the check's
 * changed keys, the Flink split reader): opens the shard's iterator lazily at its position, reads
 * page by page, re-opens an expired iterator after the last record read, reports a trimmed position
 * as {@link StreamPositionLostException} and keeps the idle back-off after empty pages. Not
 * thread-safe: one cursor per shard, called by one thread at a time.
 */
public final class ShardCursor {
  private static final Logger LOG = LoggerFactory.getLogger(ShardCursor.class);

  /** The first pause after an empty page; it doubles while the shard stays idle. */
  static final long FIRST_IDLE_MILLIS = 50;

  /**
   * Re-opens of an expired iterator within one read: a read retried past an iterator's 15 minutes
   * (throttling) expires it again, an endpoint whose fresh iterators always expire does not heal.
   */
  private static final int MAX_REOPENS = 3;

  /** Where the doubling stops counting (callers cap the pause lower). */
  private static final long LONGEST_IDLE_MILLIS = 60_000;

  /**
   * One page of a shard.
   *
   * @param records the records, in shard order (empty when nothing new was there)
   * @param closed whether the shard is closed and now fully read
   */
  public record Page(List<ShardRecord> records, boolean closed) {
    /** Copies the records. */
    public Page {
      records = List.copyOf(records);
    }

    /** The records as changes to apply. */
    public List<ChangeEvent> events(KeySchema keys) {
      List<ChangeEvent> out = new ArrayList<>(records.size());
      for (ShardRecord r : records) {
        out.add(StreamRecordConverter.toEvent(r, keys));
      }
      return out;
    }

    /** The newest record's creation time in epoch milliseconds, 0 if unknown or empty. */
    public long newestCreatedMillis() {
      long newest = 0;
      for (ShardRecord r : records) {
        newest = Math.max(newest, r.createdMillis());
      }
      return newest;
    }

    /** The last record's sequence number, or {@code null} when the page is empty. */
    public String lastSequenceNumber() {
      return records.isEmpty() ? null : records.get(records.size() - 1).sequenceNumber();
    }
  }

  private final TableStream stream;
  private final String shardId;
  private String sequenceNumber;
  private boolean inclusive;
  private String iterator;
  private boolean closed;
  private long idleMillis;

  ShardCursor(TableStream stream, String shardId, String sequenceNumber, boolean inclusive) {
    this.stream = stream;
    this.shardId = shardId;
    this.sequenceNumber = sequenceNumber;
    this.inclusive = inclusive && sequenceNumber != null;
  }

  /**
   * Reads the next page; the cursor's position moves past it.
   *
   * @param limit at most this many records
   * @throws StreamPositionLostException if the position is older than the stream's retention
   * @throws IllegalStateException if the shard was already read to its end
   */
  public Page next(int limit) {
    if (closed) {
      throw new IllegalStateException(
          "table " + stream.table() + " shard " + shardId + " was read to its end");
    }
    for (int attempt = 0; ; attempt++) {
      if (iterator == null) {
        iterator = open();
      }
      String current = iterator;
      RecordsPage page;
      try {
        page =
            stream
                .retrier()
                .call(
                    "GetRecords " + stream.table() + "/" + shardId,
                    () -> stream.streams().records(current, limit));
      } catch (IteratorExpiredException expired) {
        if (attempt >= MAX_REOPENS) {
          throw expired; // fresh iterators keep expiring at once: not something re-opening fixes
        }
        // iterators live 15 minutes: open a new one after the last record read
        LOG.info(
            "table {} shard {}: iterator expired; re-opening {}",
            stream.table(),
            shardId,
            describe());
        iterator = null;
        continue;
      } catch (PositionTrimmedException trimmed) {
        throw lost(trimmed);
      }
      return accept(page);
    }
  }

  private Page accept(RecordsPage page) {
    List<ShardRecord> records = page.records();
    if (!records.isEmpty()) {
      sequenceNumber = records.get(records.size() - 1).sequenceNumber();
      inclusive = false;
      idleMillis = 0;
    } else {
      idleMillis =
          idleMillis == 0 ? FIRST_IDLE_MILLIS : Math.min(idleMillis * 2, LONGEST_IDLE_MILLIS);
    }
    iterator = page.nextIterator();
    closed = iterator == null;
    return new Page(records, closed);
  }

  private String open() {
    try {
      return stream
          .retrier()
          .call(
              "GetShardIterator " + stream.table() + "/" + shardId,
              () ->
                  stream
                      .streams()
                      .iterator(stream.streamArn(), shardId, sequenceNumber, inclusive));
    } catch (PositionTrimmedException trimmed) {
      throw lost(trimmed);
    }
  }

  private StreamPositionLostException lost(Exception cause) {
    return StreamPositionLostException.trimmed(
        stream.table(), shardId, sequenceNumber, inclusive, cause);
  }

  private String describe() {
    return sequenceNumber == null
        ? "at the shard's start"
        : (inclusive ? "at " : "after ") + sequenceNumber;
  }

  /**
   * How long to wait before the next call: 0 after a page with records, else 50 ms doubling with
   * every empty page in a row, up to {@code max} (never long enough to add seconds of lag).
   */
  public long idleMillis(Duration max) {
    return Math.min(idleMillis, max.toMillis());
  }

  /** The shard. */
  public String shardId() {
    return shardId;
  }

  /** The sequence number of the last record read (or the start position before any), or null. */
  public String sequenceNumber() {
    return sequenceNumber;
  }

  /** Whether the position is AT {@link #sequenceNumber} (a probed start not read yet). */
  public boolean inclusive() {
    return inclusive;
  }

  /** Whether the shard is closed and was read to its end. */
  public boolean closed() {
    return closed;
  }
}
