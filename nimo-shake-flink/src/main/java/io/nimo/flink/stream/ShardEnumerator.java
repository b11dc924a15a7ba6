package io.nimo.flink.stream;

import io.nimo.core.checkpoint.ShardCheckpoint.Status;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.source.stream.StreamPositionLostException;
import io.nimo.flink.lag.StreamLagBoard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers each table's shards every {@code incr.shard_discovery_interval} (on Flink's worker
 * thread) and hands a shard to a reader once its parent is done, preferring the reader that
 * finished the parent ({@link ShardAssigner}, over nimo-core's lineage). Lost changes stop the job
 * without restarts: a shard that left the stream before it was read to its end, or shards without a
 * position after a pause near the stream's retention (checked when the enumerator starts).
 */
final class ShardEnumerator implements SplitEnumerator<ShardSplit, ShardEnumeratorState> {
  private static final Logger LOG = LoggerFactory.getLogger(ShardEnumerator.class);

  private final SplitEnumeratorContext<ShardSplit> context;
  private final ShardAssigner assigner;
  private final Clock clock;
  private final BiFunction<String, String, List<ShardInfo>> lister;
  private final long discoveryMillis;
  private final AutoCloseable endpoints;
  private final String lagLink;

  /**
   * An enumerator over a state.
   *
   * @param lister lists a (table, stream ARN)'s shards; called on the worker thread
   * @param endpoints closed with the enumerator
   */
  ShardEnumerator(
      SplitEnumeratorContext<ShardSplit> context,
      ShardEnumeratorState state,
      BiFunction<String, String, List<ShardInfo>> lister,
      long discoveryMillis,
      Clock clock,
      AutoCloseable endpoints) {
    this(context, state, lister, discoveryMillis, clock, endpoints, null);
  }

  /**
   * An enumerator that posts its readers' lag for the job's Scan source.
   *
   * @param lagLink the link id to post under ({@link StreamLagBoard}), or {@code null}
   */
  ShardEnumerator(
      SplitEnumeratorContext<ShardSplit> context,
      ShardEnumeratorState state,
      BiFunction<String, String, List<ShardInfo>> lister,
      long discoveryMillis,
      Clock clock,
      AutoCloseable endpoints,
      String lagLink) {
    this.lagLink = lagLink;
    this.context = context;
    this.assigner = new ShardAssigner(state);
    this.clock = clock;
    this.lister = lister;
    this.discoveryMillis = discoveryMillis;
    this.endpoints = endpoints;
  }

  @Override
  public void start() {
    try {
      assigner.requireFresh(clock.millis());
    } catch (StreamPositionLostException lost) {
      throw new SuppressRestartsException(lost);
    }
    LOG.info(
        "[stage=incr-flink] following the streams of {} table(s): {} shard(s) pending, {} done",
        assigner.streams().size(),
        assigner.count(Status.PENDING),
        assigner.count(Status.DONE));
    Map<String, String> streams = Map.copyOf(assigner.streams());
    context.callAsync(
        () -> {
          Map<String, List<ShardInfo>> listed = new LinkedHashMap<>();
          streams.forEach((table, arn) -> listed.put(table, lister.apply(table, arn)));
          return listed;
        },
        this::discovered,
        0,
        discoveryMillis);
  }

  private void discovered(Map<String, List<ShardInfo>> listed, Throwable error) {
    if (error != null) {
      throw error instanceof StreamPositionLostException lost
          ? new SuppressRestartsException(lost)
          : new IllegalStateException("listing the streams' shards failed", error);
    }
    long now = clock.millis();
    try {
      listed.forEach((table, shards) -> assigner.merge(table, shards, now));
    } catch (StreamPositionLostException lost) {
      throw new SuppressRestartsException(lost);
    }
    assignReady();
  }

  private void assignReady() {
    Map<Integer, List<ShardSplit>> assignment =
        assigner.assign(context.registeredReaders().keySet());
    if (!assignment.isEmpty()) {
      assignment.forEach(
          (reader, splits) ->
              splits.forEach(
                  s ->
                      LOG.info(
                          "[stage=incr-flink, table={}] shard {} to reader {} ({})",
                          s.table(),
                          s.shardId(),
                          reader,
                          s.sequenceNumber() == null
                              ? "from its oldest record"
                              : (s.inclusive() ? "at " : "after ") + s.sequenceNumber())));
      context.assignSplits(new SplitsAssignment<>(assignment));
    }
  }

  @Override
  public void handleSourceEvent(int subtask, SourceEvent event) {
    if (event instanceof ShardsFinishedEvent done) {
      assigner.finished(done.splitIds(), subtask);
      context.sendEventToSourceReader(subtask, new FinishedAckEvent(done.splitIds()));
      assignReady();
    } else if (event instanceof LagReportEvent lag && lagLink != null) {
      StreamLagBoard.report(lagLink, subtask, context.currentParallelism(), lag.behindMillis());
    }
  }

  @Override
  public void handleSplitRequest(int subtask, String host) {
    // shards are pushed to readers as they become readable
  }

  @Override
  public void addSplitsBack(List<ShardSplit> splits, int subtask) {
    LOG.info(
        "[stage=incr-flink] {} shard(s) of failed reader {} taken back", splits.size(), subtask);
    assigner.returned(splits, subtask);
  }

  @Override
  public void addReader(int subtask) {
    assignReady();
  }

  @Override
  public ShardEnumeratorState snapshotState(long checkpointId) {
    return assigner.snapshot();
  }

  @Override
  public void close() throws java.io.IOException {
    if (lagLink != null) {
      StreamLagBoard.forget(lagLink);
    }
    try {
      endpoints.close();
    } catch (java.io.IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new java.io.IOException(e);
    }
  }
}
