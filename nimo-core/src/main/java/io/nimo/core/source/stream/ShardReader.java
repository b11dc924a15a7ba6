package io.nimo.core.source.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.QpsLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Reads one shard from its checkpointed position to its end (or until stopped) and applies each
 * GetRecords page to the target before checkpointing the page's last sequence number: the
 * checkpoint only ever moves over applied changes. An expired iterator is re-opened from the last
 * applied sequence number; a trimmed position stops the table with a clear error.
 */
public final class ShardReader {
  /**
   * How a shard is read.
   *
   * @param qpsPerShard GetRecords calls per second
   * @param recordsPerCall GetRecords Limit
   * @param maxIdleBackoff the longest pause after an empty GetRecords
   */
  public record Settings(int qpsPerShard, int recordsPerCall, Duration maxIdleBackoff) {}

  private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);

  private final String table;
  private final String streamArn;
  private final KeySchema keys;
  private final StreamsApi streams;
  private final Retrier retrier;
  private final ChangeSink sink;
  private final Settings settings;
  private final StreamProgress progress;
  private final Clock clock;
  private final Executor fetchExecutor;

  /**
   * A reader of one table's shards.
   *
   * @param table the source table
   * @param streamArn its stream
   * @param keys its key schema
   * @param streams the streams endpoint
   * @param retrier retries stream calls
   * @param sink where the changes go
   * @param settings how shards are read
   * @param progress the table's stream progress
   * @param clock the clock for lag
   * @param fetchExecutor runs the read-ahead GetRecords calls
   */
  public ShardReader(
      String table,
      String streamArn,
      KeySchema keys,
      StreamsApi streams,
      Retrier retrier,
      ChangeSink sink,
      Settings settings,
      StreamProgress progress,
      Clock clock,
      Executor fetchExecutor) {
    this.table = table;
    this.streamArn = streamArn;
    this.keys = keys;
    this.streams = streams;
    this.retrier = retrier;
    this.sink = sink;
    this.settings = settings;
    this.progress = progress;
    this.clock = clock;
    this.fetchExecutor = fetchExecutor;
  }

  /**
   * Reads the shard; {@code checkpoint} receives every advanced position and, at the end, the
   * finished shard. Returns normally when the shard is done or {@code stopped} turns true.
   *
   * @param start the shard's position
   * @param checkpoint receives every advanced position
   * @param stopped turns true when reading should end
   * @throws Exception a failure reading or applying; a trimmed position is a {@link
   *     StreamPositionLostException}
   */
  public void read(
      ShardCheckpoint start, Consumer<ShardCheckpoint> checkpoint, BooleanSupplier stopped)
      throws Exception {
    String shard = start.shardId();
    PageFetcher fetcher =
        new PageFetcher(
            streams,
            retrier,
            QpsLimiter.system(settings.qpsPerShard()),
            fetchExecutor,
            table + "/" + shard,
            settings.recordsPerCall());
    ShardCheckpoint opened = sink.open(start, checkpoint);
    if (sink.settled(opened.status())) {
      return;
    }
    ShardCheckpoint position = opened.withStatus(sink.readingStatus());
    checkpoint.accept(position);
    CompletableFuture<RecordsPage> next = fetcher.fetch(open(shard, position));
    long idle = 0;
    try {
      while (!stopped.getAsBoolean()) {
        RecordsPage page;
        try {
          page = PageFetcher.await(next);
        } catch (ExpiredIteratorException expired) {
          LOG.info(
              "table {} shard {}: iterator expired; re-opening {} {}",
              table,
              shard,
              position.iteratorType(),
              position.sequenceNumber());
          next = fetcher.fetch(open(shard, position));
          continue;
        } catch (TrimmedDataAccessException trimmed) {
          throw trimmed(shard, position.sequenceNumber(), trimmed);
        }
        boolean more = !page.records().isEmpty();
        if (more && page.nextIterator() != null) {
          next = fetcher.fetch(page.nextIterator()); // read ahead while this page is applied
        }
        progress.shardBehind(shard, more);
        if (more) {
          position = accept(shard, position, page.records());
          checkpoint.accept(position);
          idle = 0;
        }
        if (page.nextIterator() == null) {
          checkpoint.accept(position.withStatus(sink.closedStatus()));
          progress.shardBehind(shard, false);
          LOG.info(
              "table {} shard {}: closed and fully {}",
              table,
              shard,
              sink.closedStatus() == ShardCheckpoint.Status.DONE ? "applied" : "spooled");
          return;
        }
        if (!more) {
          // empty poll: back off briefly, but never long enough to add seconds of lag
          idle = Math.min(settings.maxIdleBackoff().toMillis(), idle == 0 ? 50 : idle * 2);
          retrier.pause("idle shard " + shard, Duration.ofMillis(idle));
          next = fetcher.fetch(page.nextIterator());
        }
      }
    } finally {
      next.cancel(true);
    }
  }

  private String open(String shard, ShardCheckpoint position) {
    try {
      return retrier.call(
          "GetShardIterator " + table + "/" + shard,
          () ->
              streams.iterator(streamArn, shard, position.sequenceNumber(), position.inclusive()));
    } catch (TrimmedDataAccessException trimmed) {
      throw trimmed(shard, position.sequenceNumber(), trimmed);
    }
  }

  private StreamPositionLostException trimmed(String shard, String sequence, Exception cause) {
    return new StreamPositionLostException(
        "table "
            + table
            + " shard "
            + shard
            + ": the position after sequence "
            + "number "
            + sequence
            + " is no longer in the stream (older than its 24 h retention), so changes may be "
            + "missing on the target",
        cause);
  }

  private ShardCheckpoint accept(String shard, ShardCheckpoint position, List<Record> records)
      throws InterruptedException {
    List<ChangeEvent> events = new ArrayList<>(records.size());
    long ttl = 0;
    long newest = 0;
    for (Record r : records) {
      ChangeEvent e = StreamRecordConverter.toEvent(r, keys);
      events.add(e);
      if (e.ttlExpiry()) {
        ttl++;
      }
      if (r.dynamodb().approximateCreationDateTime() != null) {
        newest = Math.max(newest, r.dynamodb().approximateCreationDateTime().toEpochMilli());
      }
    }
    long written;
    try {
      written = sink.accept(shard, events, newest);
    } catch (RuntimeException e) {
      progress.applyError();
      throw e;
    }
    String last = records.get(records.size() - 1).dynamodb().sequenceNumber();
    long now = clock.millis();
    progress.recordBatch(records.size(), written, ttl, Math.min(newest, now), now);
    return position.advancedTo(last);
  }
}
