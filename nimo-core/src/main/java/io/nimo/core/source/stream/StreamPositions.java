package io.nimo.core.source.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.retry.Retrier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Makes sure a source table has a usable stream and records where the incremental sync of each
 * shard must start. The position of an open shard is the last record it holds right now (read to
 * its current end), so everything written after this call — and so during the full sync that
 * follows — is replayed; replays are idempotent. Closed shards predate the call: with a full sync
 * their changes are in the scan and they are skipped, without one they are read from the oldest record.
 */
public final class StreamPositions {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPositions.class);

  private final DynamoApi source;
  private final StreamsApi streams;
  private final Retrier retrier;

  public StreamPositions(DynamoApi source, StreamsApi streams, Retrier retrier) {
    this.source = source;
    this.streams = streams;
    this.retrier = retrier;
  }

  /** Where shards start. */
  public enum Start {
    /** After the records present now; closed shards skipped (before a full sync, or {@code latest}). */
    NOW,
    /** Every retained record ({@code incr.start_position = trim_horizon}). */
    OLDEST
  }

  /** The table's stream and shard start positions. */
  public record Prepared(String streamArn, List<ShardCheckpoint> shards) {}

  public Prepared prepare(String table, Start start) {
    String arn = ensureStream(table);
    List<ShardCheckpoint> out = new ArrayList<>();
    for (ShardInfo s : retrier.call("DescribeStream " + table, () -> streams.shards(arn))) {
      if (start == Start.OLDEST) {
        out.add(new ShardCheckpoint(s.shardId(), s.parentShardId(), null, ShardCheckpoint.Status.PENDING));
      } else if (s.closed()) {
        out.add(new ShardCheckpoint(s.shardId(), s.parentShardId(), s.endingSequenceNumber(), ShardCheckpoint.Status.SKIPPED));
      } else {
        out.add(new ShardCheckpoint(s.shardId(), s.parentShardId(), currentEnd(table, arn, s.shardId()),
            ShardCheckpoint.Status.PENDING));
      }
    }
    LOG.info("table {}: stream {} has {} shard(s); start positions recorded", table, arn, out.size());
    return new Prepared(arn, out);
  }

  /** The table's stream ARN, enabling a NEW_AND_OLD_IMAGES stream if it has none. */
  public String ensureStream(String table) {
    TableDescription d = describe(table);
    StreamSpecification spec = d.streamSpecification();
    if (spec == null || !Boolean.TRUE.equals(spec.streamEnabled())) {
      LOG.warn("table {} has no stream: enabling one with NEW_AND_OLD_IMAGES on the source", table);
      retrier.call("UpdateTable " + table, () -> {
        source.enableStream(table, StreamViewType.NEW_AND_OLD_IMAGES);
        return null;
      });
      d = awaitStream(table);
      spec = d.streamSpecification();
    }
    StreamViewType view = spec.streamViewType();
    if (view != StreamViewType.NEW_AND_OLD_IMAGES && view != StreamViewType.NEW_IMAGE) {
      throw new IllegalStateException("table " + table + " has a stream with view type " + view
          + "; incremental sync needs NEW_IMAGE or NEW_AND_OLD_IMAGES (disable the stream and enable it again "
          + "with NEW_AND_OLD_IMAGES)");
    }
    return d.latestStreamArn();
  }

  private TableDescription describe(String table) {
    return retrier.call("DescribeTable " + table, () -> source.describeTable(table));
  }

  private TableDescription awaitStream(String table) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      TableDescription d = describe(table);
      if (d.latestStreamArn() != null && d.streamSpecification() != null
          && Boolean.TRUE.equals(d.streamSpecification().streamEnabled())) {
        return d;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the stream of table " + table + " was not enabled within 2 minutes");
      }
      retrier.pause("waiting for the stream of " + table, Duration.ofMillis(500));
    }
  }

  /** The sequence number of the newest record in the shard now, or {@code null} if it is empty. */
  private String currentEnd(String table, String arn, String shardId) {
    String last = null;
    String it = retrier.call("GetShardIterator " + table + "/" + shardId, () -> streams.iterator(arn, shardId, null));
    int emptyInARow = 0;
    while (it != null && emptyInARow < 2) {
      String current = it;
      RecordsPage page = retrier.call("GetRecords " + table + "/" + shardId, () -> streams.records(current, 1000));
      List<Record> records = page.records();
      if (records.isEmpty()) {
        emptyInARow++;
      } else {
        emptyInARow = 0;
        last = records.get(records.size() - 1).dynamodb().sequenceNumber();
      }
      it = page.nextIterator();
    }
    return last;
  }
}
