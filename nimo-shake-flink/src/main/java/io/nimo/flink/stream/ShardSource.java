package io.nimo.flink.stream;

import io.nimo.core.config.Configuration;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.source.stream.StreamGuard;
import io.nimo.core.source.stream.TableStream;
import io.nimo.core.sync.stream.IncrSettings;
import io.nimo.core.wiring.JobComponents;
import io.nimo.flink.item.ItemRecord;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.operator.SourceKeys;
import java.time.Clock;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source that follows the tables' DynamoDB streams: one split per shard, the last emitted
 * record's sequence number as split state; a shard is read only after its parent (on the same
 * reader, so per-key order holds downstream). Unbounded: it runs until the job is stopped. Start
 * positions come from the {@link StreamPlan} recorded before the job started. Each shard's
 * GetRecords calls are paced by {@code qps.incr} and {@code qps.incr.batch_num}, retried within
 * {@code retry.budget}.
 */
public final class ShardSource implements Source<ItemRecord, ShardSplit, ShardEnumeratorState> {
  private static final long serialVersionUID = 1L;

  /** The job's conf, shipped to the enumerator and every reader. */
  private final ShakeConf conf;

  /** The start positions for a first start. */
  private final StreamPlan plan;

  /** The link id its lag is posted under for the job's Scan source, or {@code null}. */
  private final String lagLink;

  /**
   * A source over a conf and recorded start positions.
   *
   * @param conf the nimo-shake.conf pairs
   * @param plan the start positions
   */
  public ShardSource(ShakeConf conf, StreamPlan plan) {
    this(conf, plan, null);
  }

  /**
   * A source that posts its readers' lag for the job's Scan source.
   *
   * @param conf the nimo-shake.conf pairs
   * @param plan the start positions
   * @param lagLink the link id shared with the Scan source, or {@code null}
   */
  public ShardSource(ShakeConf conf, StreamPlan plan, String lagLink) {
    this.conf = conf;
    this.plan = plan;
    this.lagLink = lagLink;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<ShardSplit, ShardEnumeratorState> createEnumerator(
      SplitEnumeratorContext<ShardSplit> context) {
    return enumerator(context, plan.initialState());
  }

  @Override
  public SplitEnumerator<ShardSplit, ShardEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<ShardSplit> context, ShardEnumeratorState state) {
    return enumerator(context, plan.addNewTablesTo(state));
  }

  private ShardEnumerator enumerator(
      SplitEnumeratorContext<ShardSplit> context, ShardEnumeratorState state) {
    Configuration c = conf.configuration();
    JobComponents parts = JobComponents.builder(c).build();
    IncrSettings incr = IncrSettings.from(c);
    return new ShardEnumerator(
        context,
        state,
        (table, arn) -> {
          StreamGuard guard = new StreamGuard(table, parts.source(), parts.sourceRetrier());
          try {
            List<ShardInfo> shards =
                new TableStream(table, arn, parts.streams(), parts.sourceRetrier()).shards();
            guard.check(arn);
            return shards;
          } catch (RuntimeException e) {
            Throwable clearer = guard.explain(arn, e);
            throw clearer instanceof RuntimeException r ? r : e;
          }
        },
        incr.discoveryInterval().toMillis(),
        Clock.systemUTC(),
        parts,
        lagLink);
  }

  @Override
  public SimpleVersionedSerializer<ShardSplit> getSplitSerializer() {
    return ShardSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<ShardEnumeratorState> getEnumeratorCheckpointSerializer() {
    return new ShardEnumeratorStateSerializer();
  }

  @Override
  public SourceReader<ItemRecord, ShardSplit> createReader(SourceReaderContext context) {
    ShardLag lag =
        new ShardLag(
            context.metricGroup(),
            IncrSettings.from(conf.configuration()).progressInterval(),
            Clock.systemUTC());
    return new ShardSourceReader(
        () -> {
          Configuration c = conf.configuration();
          JobComponents parts = JobComponents.builder(c).build();
          return new ShardSplitReader(
              parts.streams(),
              parts.sourceRetrier(),
              SourceKeys.of(parts),
              IncrSettings.from(c).reader(),
              lag,
              Clock.systemUTC(),
              parts);
        },
        context,
        Clock.systemUTC(),
        lag);
  }
}
