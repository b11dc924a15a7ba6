package io.nimo.core.check;

import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.dynamo.ShardRecord;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.stream.ShardDrain;
import io.nimo.core.source.stream.TableStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a table's {@link CheckEpoch} before a full pass reads it: each closed shard at its end,
 * each open one read to its current end (or to the first record written after the epoch began, so a
 * busy shard ends too). Any position reached before the pass's first Scan is sound: a change after
 * it is in the changed set, a change before it was seen by the pass. The check never enables a
 * stream: a table without one gets no epoch.
 */
final class EpochRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EpochRecorder.class);
  private final DynamoTables source;
  private final StreamsApi streams;
  private final Retrier retrier;
  private final Clock clock;

  EpochRecorder(DynamoTables source, StreamsApi streams, Retrier retrier, Clock clock) {
    this.source = source;
    this.streams = streams;
    this.retrier = retrier;
    this.clock = clock;
  }

  /** The table's epoch, or empty when it has no stream to take one from. */
  Optional<CheckEpoch> record(String table) {
    Instant started = clock.instant();
    TableInfo d = retrier.call("DescribeTable " + table, () -> source.describeTable(table));
    if (d.stream() == null || d.streamArn() == null) {
      LOG.info(
          "[stage=check, table={}] has no stream: no epoch recorded, so mode = changed cannot check"
              + " it later",
          table);
      return Optional.empty();
    }
    String arn = d.streamArn();
    TableStream stream = new TableStream(table, arn, streams, retrier);
    List<ShardInfo> shards = stream.shards();
    List<CheckEpoch.ShardPosition> positions = new ArrayList<>();
    for (ShardInfo s : shards) {
      String last =
          s.closed()
              ? s.endingSequenceNumber()
              : ShardDrain.drain(
                  stream.cursor(s.shardId(), null, false),
                  page -> {},
                  page -> newerThan(page, started));
      positions.add(new CheckEpoch.ShardPosition(s.shardId(), s.parentShardId(), last, s.closed()));
    }
    LOG.info(
        "[stage=check, table={}] epoch recorded: stream {}, {} shard(s) at their current end",
        table,
        arn,
        positions.size());
    return Optional.of(new CheckEpoch(table, arn, started, positions));
  }

  private static boolean newerThan(List<ShardRecord> page, Instant started) {
    Instant newest = page.get(page.size() - 1).created();
    return newest != null && !newest.isBefore(started);
  }
}
