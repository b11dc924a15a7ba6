package io.nimo.flink.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.source.stream.StreamPositions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each table's stream reading starts, recorded by the job's client before the job (and so
 * before any Scan) starts: everything written afterwards is read. Used only at the job's first
 * start; a restored job goes on from its checkpointed positions.
 *
 * @param streams table name to stream ARN
 * @param shards the start positions, as {@link ShardEnumeratorState} entries
 * @param recordedAtMillis when the positions were recorded (the stale-start rule's clock until the
 *     first listing)
 */
public record StreamPlan(Map<String, String> streams, List<Position> shards, long recordedAtMillis)
    implements Serializable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamPlan.class);

  /**
   * One shard's start.
   *
   * @param table the table
   * @param shardId the shard
   * @param parentShardId its parent, or {@code null}
   * @param done whether the shard needs no reading (closed before a full sync: the Scan has it)
   * @param sequenceNumber start after (or at) this record, or {@code null} for its oldest
   * @param inclusive whether to start at {@code sequenceNumber}
   */
  public record Position(
      String table,
      String shardId,
      String parentShardId,
      boolean done,
      String sequenceNumber,
      boolean inclusive)
      implements Serializable {}

  /**
   * The plan of the given tables' prepared streams.
   *
   * @param prepared table name to its stream and shard start positions
   * @return the plan
   */
  public static StreamPlan of(Map<String, StreamPositions.Prepared> prepared, long nowMillis) {
    Map<String, String> streams = new LinkedHashMap<>();
    List<Position> shards = new ArrayList<>();
    prepared.forEach(
        (table, p) -> {
          streams.put(table, p.streamArn());
          for (ShardCheckpoint c : p.shards()) {
            shards.add(
                new Position(
                    table,
                    c.shardId(),
                    c.parentShardId(),
                    c.status() != ShardCheckpoint.Status.PENDING,
                    c.sequenceNumber(),
                    c.inclusive()));
          }
        });
    return new StreamPlan(streams, shards, nowMillis);
  }

  /**
   * Copies the collections into serializable ones.
   *
   * @param streams table name to stream ARN
   * @param shards the start positions
   * @param recordedAtMillis when they were recorded
   */
  public StreamPlan {
    streams = new LinkedHashMap<>(streams);
    shards = new ArrayList<>(shards);
  }

  /**
   * A restored state with the tables this plan has and the state lacks (a restored {@code incr} job
   * told to follow one more table) added at their recorded start; the tables the state has go on
   * from their checkpointed positions.
   *
   * @param restored the checkpointed state
   * @return the state to go on from
   */
  ShardEnumeratorState addNewTablesTo(ShardEnumeratorState restored) {
    ShardEnumeratorState fresh = initialState();
    Map<String, String> streams = new LinkedHashMap<>(restored.streams());
    Map<String, Long> confirmed = new LinkedHashMap<>(restored.confirmedAt());
    List<TrackedShard> tracked = new ArrayList<>(restored.shards());
    fresh
        .streams()
        .forEach(
            (table, arn) -> {
              if (!restored.streams().containsKey(table)) {
                streams.put(table, arn);
                confirmed.put(table, fresh.confirmedAt().get(table));
                fresh.shards().stream().filter(s -> s.table().equals(table)).forEach(tracked::add);
                LOG.info(
                    "[stage=incr-flink, table={}] not in the restored state: followed from the start"
                        + " recorded when this run was submitted",
                    table);
              }
            });
    return new ShardEnumeratorState(streams, confirmed, tracked);
  }

  ShardEnumeratorState initialState() {
    List<TrackedShard> tracked = new ArrayList<>();
    for (Position p : shards) {
      tracked.add(
          new TrackedShard(
              p.table(),
              new ShardCheckpoint(
                  p.shardId(),
                  p.parentShardId(),
                  p.sequenceNumber(),
                  p.done() ? ShardCheckpoint.Status.SKIPPED : ShardCheckpoint.Status.PENDING,
                  p.inclusive()),
              -1));
    }
    Map<String, Long> confirmed = new LinkedHashMap<>();
    streams.keySet().forEach(t -> confirmed.put(t, recordedAtMillis));
    return new ShardEnumeratorState(streams, confirmed, tracked);
  }
}
