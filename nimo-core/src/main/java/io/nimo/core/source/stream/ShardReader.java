package io.nimo.core.source.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.QpsLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one shard from its checkpointed position to its end (or until stopped) through a {@link
 * ShardCursor} and hands each page to the sink before checkpointing the page's last sequence
 * number: the checkpoint only ever moves over applied changes. The next page is read while the
 * current one is applied.
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

  private final TableStream stream;
  private final KeySchema keys;
  private final ChangeSink sink;
  private final Settings settings;
  private final StreamProgress progress;
  private final Clock clock;
  private final Executor fetchExecutor;

  /**
   * A reader of one table's shards.
   *
   * @param stream the table's stream
   * @param keys its key schema
   * @param sink where the changes go
   * @param settings how shards are read
   * @param progress the table's stream progress
   * @param clock the clock for lag
   * @param fetchExecutor runs the read-ahead GetRecords calls
   */
  public ShardReader(
      TableStream stream,
      KeySchema keys,
      ChangeSink sink,
      Settings settings,
      StreamProgress progress,
      Clock clock,
      Executor fetchExecutor) {
    this.stream = stream;
    this.keys = keys;
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
    ShardCheckpoint opened = sink.open(start, checkpoint);
    if (sink.settled(opened.status())) {
      return;
    }
    ShardCheckpoint position = opened.withStatus(sink.readingStatus());
    checkpoint.accept(position);
    ShardCursor cursor = stream.cursor(shard, position.sequenceNumber(), position.inclusive());
    PageFetcher fetcher =
        new PageFetcher(
            cursor,
            QpsLimiter.system(settings.qpsPerShard()),
            fetchExecutor,
            settings.recordsPerCall());
    CompletableFuture<ShardCursor.Page> next = fetcher.fetch();
    try {
      while (!stopped.getAsBoolean()) {
        ShardCursor.Page page = PageFetcher.await(next);
        boolean more = !page.records().isEmpty();
        if (more && !page.closed()) {
          next = fetcher.fetch(); // read ahead while this page is applied
        }
        progress.shardBehind(shard, more);
        if (more) {
          position = accept(shard, position, page);
          checkpoint.accept(position);
        }
        if (page.closed()) {
          checkpoint.accept(position.withStatus(sink.closedStatus()));
          progress.shardBehind(shard, false);
          LOG.info(
              "table {} shard {}: closed and fully {}",
              stream.table(),
              shard,
              sink.closedStatus() == ShardCheckpoint.Status.DONE ? "applied" : "spooled");
          return;
        }
        if (!more) {
          stream
              .retrier()
              .pause(
                  "idle shard " + shard,
                  Duration.ofMillis(cursor.idleMillis(settings.maxIdleBackoff())));
          next = fetcher.fetch();
        }
      }
    } finally {
      next.cancel(true);
    }
  }

  private ShardCheckpoint accept(String shard, ShardCheckpoint position, ShardCursor.Page page)
      throws InterruptedException {
    List<ChangeEvent> events = page.events(keys);
    long ttl = events.stream().filter(ChangeEvent::ttlExpiry).count();
    long newest = page.newestCreatedMillis();
    long written;
    try {
      written = sink.accept(shard, events, newest);
    } catch (RuntimeException e) {
      progress.applyError();
      throw e;
    }
    long now = clock.millis();
    progress.recordBatch(events.size(), written, ttl, Math.min(newest, now), now);
    return position.advancedTo(page.lastSequenceNumber());
  }
}
