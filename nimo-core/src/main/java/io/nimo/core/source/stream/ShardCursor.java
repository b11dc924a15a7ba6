package io.nimo.core.source.stream;

import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Pulls one shard's changes page by page for a caller that owns the position (e.g. a Flink split):
 * opens the iterator lazily from the position, re-opens it from the last record read when it
 * expires, and reports a trimmed position as a {@link StreamPositionLostException}. Not
 * thread-safe; one cursor per shard.
 */
public final class ShardCursor {
  private static final Logger LOG = LoggerFactory.getLogger(ShardCursor.class);

  /**
   * One page of changes.
   *
   * @param events the changes, in shard order (empty when nothing new was there)
   * @param newestCreatedMillis the newest record's ApproximateCreationDateTime, 0 if unknown or
   *     empty
   * @param closed whether the shard is closed and now fully read
   */
  public record Page(List<ChangeEvent> events, long newestCreatedMillis, boolean closed) {}

  private final String table;
  private final String streamArn;
  private final String shardId;
  private final KeySchema keys;
  private final StreamsApi streams;
  private final Retrier retrier;
  private String sequenceNumber;
  private boolean inclusive;
  private String iterator;

  /**
   * A cursor at a position; nothing is called until {@link #next}.
   *
   * @param table the source table, for messages
   * @param streamArn its stream
   * @param shardId the shard
   * @param keys the table's key schema
   * @param streams the streams endpoint
   * @param retrier retries each call
   * @param sequenceNumber start after (or at, when {@code inclusive}) this record; {@code null} for
   *     the oldest retained one
   * @param inclusive whether to start at {@code sequenceNumber}
   */
  public ShardCursor(
      String table,
      String streamArn,
      String shardId,
      KeySchema keys,
      StreamsApi streams,
      Retrier retrier,
      String sequenceNumber,
      boolean inclusive) {
    this.table = table;
    this.streamArn = streamArn;
    this.shardId = shardId;
    this.keys = keys;
    this.streams = streams;
    this.retrier = retrier;
    this.sequenceNumber = sequenceNumber;
    this.inclusive = inclusive && sequenceNumber != null;
  }

  /**
   * Reads the next page; the cursor's position moves past it.
   *
   * @param limit at most this many records
   * @return the page
   * @throws StreamPositionLostException if the position is older than the stream's retention
   */
  public Page next(int limit) {
    for (int attempt = 0; ; attempt++) {
      if (iterator == null) {
        iterator = open();
      }
      String current = iterator;
      RecordsPage page;
      try {
        page =
            retrier.call(
                "GetRecords " + table + "/" + shardId, () -> streams.records(current, limit));
      } catch (ExpiredIteratorException expired) {
        if (attempt > 0) {
          throw expired; // a fresh iterator expired at once: not something a retry fixes
        }
        LOG.info(
            "table {} shard {}: iterator expired; re-opening after {}",
            table,
            shardId,
            sequenceNumber);
        iterator = null;
        continue;
      } catch (TrimmedDataAccessException trimmed) {
        throw lost(trimmed);
      }
      return accept(page);
    }
  }

  private Page accept(RecordsPage page) {
    List<ChangeEvent> events = new ArrayList<>(page.records().size());
    long newest = 0;
    for (Record r : page.records()) {
      events.add(StreamRecordConverter.toEvent(r, keys));
      if (r.dynamodb().approximateCreationDateTime() != null) {
        newest = Math.max(newest, r.dynamodb().approximateCreationDateTime().toEpochMilli());
      }
    }
    if (!events.isEmpty()) {
      sequenceNumber = events.get(events.size() - 1).sequenceNumber();
      inclusive = false;
    }
    iterator = page.nextIterator();
    return new Page(events, newest, iterator == null);
  }

  private String open() {
    try {
      return retrier.call(
          "GetShardIterator " + table + "/" + shardId,
          () -> streams.iterator(streamArn, shardId, sequenceNumber, inclusive));
    } catch (TrimmedDataAccessException trimmed) {
      throw lost(trimmed);
    }
  }

  private StreamPositionLostException lost(Exception cause) {
    return new StreamPositionLostException(
        "table "
            + table
            + " shard "
            + shardId
            + ": the position "
            + (sequenceNumber == null
                ? "at the shard's start"
                : "after sequence number " + sequenceNumber)
            + " is no longer in the stream (older than its 24 h retention), so changes may be missing"
            + " on the target",
        cause);
  }

  /**
   * The sequence number of the last record read (or the start position before any).
   *
   * @return the sequence number, or {@code null} for the shard's oldest record
   */
  public String sequenceNumber() {
    return sequenceNumber;
  }
}
