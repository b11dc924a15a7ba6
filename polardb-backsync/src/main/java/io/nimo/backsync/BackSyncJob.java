package io.nimo.backsync;

import io.nimo.backsync.apply.DynamoApplySink;
import io.nimo.backsync.apply.ItemStoreFactory;
import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.echo.EchoFilter;
import io.nimo.backsync.source.CdcSourceFactory;
import io.nimo.backsync.source.ChangeRecord;
import io.nimo.backsync.source.Layouts;
import io.nimo.backsync.source.ToastedItemResolver;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job graph, the same on a Flink cluster and in {@code --local}: PostgreSQL logical replication
 * → skip nimo-shake's own changes → re-read left-out TOASTed items → key by table + item key →
 * apply to DynamoDB. Operator uids are fixed so savepoints survive upgrades.
 */
public final class BackSyncJob {
  private BackSyncJob() {}

  /**
   * Adds the job to an environment and turns on checkpointing.
   *
   * @param env the environment
   * @param o the options
   * @param layouts what start-up discovery found
   * @param stores opens the DynamoDB seam
   */
  public static void define(
      StreamExecutionEnvironment env, BackSyncOptions o, Layouts layouts, ItemStoreFactory stores) {
    env.enableCheckpointing(o.get(BackSyncKeys.CHECKPOINT_INTERVAL));
    // the two sources keep different state, so each has its own uid: a savepoint of one is
    // refused by the other instead of being misread
    DataStream<ChangeRecord> changes =
        o.get(BackSyncKeys.SNAPSHOT_MODE).equals("initial")
            ? env.addSource(CdcSourceFactory.copyThenStream(o, layouts), "postgres-cdc-initial")
                .uid("postgres-cdc-initial")
                .setParallelism(1)
            : env.fromSource(
                    CdcSourceFactory.streaming(o, layouts),
                    WatermarkStrategy.noWatermarks(),
                    "postgres-cdc")
                .uid("postgres-cdc")
                .setParallelism(1);
    changes
        .flatMap(new EchoFilter(o.get(BackSyncKeys.ECHO_SKIP)))
        .uid("skip-forward-sync-echoes")
        .name("skip-forward-sync-echoes")
        .setParallelism(1)
        .map(new ToastedItemResolver(o, layouts))
        .uid("reread-toasted-items")
        .name("reread-toasted-items")
        .setParallelism(1)
        .keyBy(new RoutingKey())
        .sinkTo(new DynamoApplySink(o, stores))
        .uid("dynamodb-apply")
        .name("dynamodb-apply")
        .setParallelism(o.get(BackSyncKeys.APPLY_PARALLELISM));
  }

  /** Table + item key: all changes of one item go to one writer, in order. */
  static final class RoutingKey implements KeySelector<ChangeRecord, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(ChangeRecord r) {
      return r.routingKey();
    }
  }
}
