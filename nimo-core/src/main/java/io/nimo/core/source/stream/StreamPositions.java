package io.nimo.core.source.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.RecordsPage;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.dynamo.StreamView;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.dynamo.TableChange;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.retry.Retrier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a source table has a usable stream and records where the incremental sync of each
 * shard must start, so that everything written after this call — and so during the full sync that
 * follows — is replayed (replays are idempotent). For the open shards, LATEST iterators are polled
 * for a few seconds: a shard that receives a record starts AT that record, without reading its
 * history; a quiet shard is read to its current end and starts after its last record. Closed shards
 * predate the call: with a full sync their changes are in the scan and they are skipped, without
 * one they are read from the oldest record.
 */
public final class StreamPositions {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPositions.class);

  private static final Duration PROBE_POLL = Duration.ofMillis(250);

  private final DynamoTables source;
  private final StreamsApi streams;
  private final Retrier retrier;
  private final Duration probeTime;

  /**
   * Finds start positions through the given endpoints.
   *
   * @param source the source tables (to enable and describe streams)
   * @param streams the streams endpoint
   * @param retrier how failing calls are retried
   * @param probeTime how long LATEST iterators are polled for a first new record
   */
  public StreamPositions(
      DynamoTables source, StreamsApi streams, Retrier retrier, Duration probeTime) {
    this.source = source;
    this.streams = streams;
    this.retrier = retrier;
    this.probeTime = probeTime;
  }

  /** Where shards start. */
  public enum Start {
    /**
     * After the records present now; closed shards skipped (before a full sync, or {@code latest}).
     */
    NOW,
    /** Every retained record ({@code incr.start_position = trim_horizon}). */
    OLDEST;

    /**
     * The one start-position rule of a run, nimo-shake's and the Flink job's: a run that Scans
     * starts its streams now (the Scan holds everything before); one that copies from an export
     * starts at the oldest retained record, since the export is of an earlier time (changes it
     * already holds are applied again, which ends in the same state); one that only follows starts
     * as {@code incr.start_position} says.
     *
     * @param copies whether the run copies the tables ({@code sync_mode = all})
     * @param fromExport whether the copy reads an export ({@code full.source = export})
     * @param incrStart {@code incr.start_position}
     */
    public static Start forRun(
        boolean copies, boolean fromExport, io.nimo.core.config.StartPosition incrStart) {
      if (copies) {
        return fromExport ? OLDEST : NOW;
      }
      return incrStart == io.nimo.core.config.StartPosition.LATEST ? NOW : OLDEST;
    }
  }

  /** The table's stream and shard start positions. */
  public record Prepared(String streamArn, List<ShardCheckpoint> shards) {}

  /**
   * Makes sure the table has a usable stream and records a start position for every shard.
   *
   * @param start where shards start
   * @return the stream ARN and the shards' start positions
   */
  public Prepared prepare(String table, Start start) {
    String arn = ensureStream(table);
    List<ShardInfo> shards = retrier.call("DescribeStream " + table, () -> streams.shards(arn));
    Map<String, String> firstNew =
        start == Start.NOW
            ? probeLatest(table, arn, shards.stream().filter(s -> !s.closed()).toList())
            : Map.of();
    List<ShardCheckpoint> out = new ArrayList<>();
    for (ShardInfo s : shards) {
      if (start == Start.OLDEST) {
        out.add(
            new ShardCheckpoint(
                s.shardId(), s.parentShardId(), null, ShardCheckpoint.Status.PENDING));
      } else if (s.closed()) {
        out.add(
            new ShardCheckpoint(
                s.shardId(),
                s.parentShardId(),
                s.endingSequenceNumber(),
                ShardCheckpoint.Status.SKIPPED));
      } else if (firstNew.containsKey(s.shardId())) {
        out.add(
            new ShardCheckpoint(
                s.shardId(),
                s.parentShardId(),
                firstNew.get(s.shardId()),
                ShardCheckpoint.Status.PENDING,
                true));
      } else {
        out.add(
            new ShardCheckpoint(
                s.shardId(),
                s.parentShardId(),
                currentEnd(table, arn, s.shardId()),
                ShardCheckpoint.Status.PENDING));
      }
    }
    LOG.info(
        "table {}: stream {} has {} shard(s); start positions recorded ({} found by LATEST probing)",
        table,
        arn,
        out.size(),
        firstNew.size());
    return new Prepared(arn, out);
  }

  /**
   * Polls LATEST iterators of the shards round-robin; returns the first new record's sequence
   * number per shard.
   */
  private Map<String, String> probeLatest(String table, String arn, List<ShardInfo> open) {
    Map<String, String> iterators = new LinkedHashMap<>();
    for (ShardInfo s : open) {
      iterators.put(
          s.shardId(),
          retrier.call(
              "GetShardIterator " + table + "/" + s.shardId(),
              () -> streams.latestIterator(arn, s.shardId())));
    }
    Map<String, String> found = new LinkedHashMap<>();
    Instant deadline = Instant.now().plus(probeTime);
    while (!iterators.isEmpty() && Instant.now().isBefore(deadline)) {
      for (Map.Entry<String, String> e : new ArrayList<>(iterators.entrySet())) {
        String it = e.getValue();
        RecordsPage page =
            retrier.call("GetRecords " + table + "/" + e.getKey(), () -> streams.records(it, 1));
        if (!page.records().isEmpty()) {
          found.put(e.getKey(), page.records().get(0).sequenceNumber());
          iterators.remove(e.getKey());
        } else if (page.nextIterator() == null) {
          iterators.remove(e.getKey());
        } else {
          iterators.put(e.getKey(), page.nextIterator());
        }
      }
      if (!iterators.isEmpty()) {
        retrier.pause("probing the stream of " + table, PROBE_POLL);
      }
    }
    return found;
  }

  /**
   * The table's stream ARN, enabling a NEW_AND_OLD_IMAGES stream if it has none.
   *
   * @return the stream ARN
   */
  public String ensureStream(String table) {
    TableInfo d = describe(table);
    if (d.stream() == null) {
      LOG.warn("table {} has no stream: enabling one with NEW_AND_OLD_IMAGES on the source", table);
      retrier.call(
          "UpdateTable " + table,
          () -> {
            source.updateTable(table, new TableChange.EnableStream(StreamView.NEW_AND_OLD_IMAGES));
            return null;
          });
      d = awaitStream(table);
    }
    StreamView view = d.stream();
    if (view != StreamView.NEW_AND_OLD_IMAGES && view != StreamView.NEW_IMAGE) {
      throw new IllegalStateException(
          "table "
              + table
              + " has a stream with view type "
              + view
              + "; incremental sync needs NEW_IMAGE or NEW_AND_OLD_IMAGES (disable the stream and enable it again "
              + "with NEW_AND_OLD_IMAGES)");
    }
    return d.streamArn();
  }

  private TableInfo describe(String table) {
    return retrier.call("DescribeTable " + table, () -> source.describeTable(table));
  }

  private TableInfo awaitStream(String table) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      TableInfo d = describe(table);
      if (d.streamArn() != null && d.stream() != null) {
        return d;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "the stream of table " + table + " was not enabled within 2 minutes");
      }
      retrier.pause("waiting for the stream of " + table, Duration.ofMillis(500));
    }
  }

  /** The sequence number of the newest record in the shard now, or {@code null} if it is empty. */
  private String currentEnd(String table, String arn, String shardId) {
    return ShardDrain.currentEnd(new TableStream(table, arn, streams, retrier), shardId);
  }
}
