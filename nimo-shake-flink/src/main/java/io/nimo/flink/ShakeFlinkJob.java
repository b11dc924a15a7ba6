package io.nimo.flink;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.ShakeRules;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.config.SyncMode;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.sink.TargetProviders;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.source.SourceTable;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.TableFilter;
import io.nimo.core.sync.full.FullSyncSettings;
import io.nimo.core.wiring.JobComponents;
import io.nimo.flink.scan.ScanPlan;
import io.nimo.flink.scan.ScanSource;
import io.nimo.flink.sink.TargetSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nimo-shake's full sync as a Flink DataStream job: the parallel-Scan {@link ScanSource}, keyed by
 * table and item key, into the {@link TargetSink} on nimo-core's target adapters. The client side
 * (this class) checks the conf as nimo-shake does, plans the segments and prepares the target
 * tables once, before the job's sources start.
 */
public final class ShakeFlinkJob {
  private static final Logger LOG = LoggerFactory.getLogger(ShakeFlinkJob.class);

  private ShakeFlinkJob() {}

  /**
   * Checks a conf as nimo-shake does before any I/O, and that this job can run its sync_mode.
   *
   * @param conf the pairs
   * @return the checked configuration
   * @throws ConfigException naming the key
   */
  public static Configuration validate(ShakeConf conf) {
    Configuration c = conf.configuration();
    ShakeRules.validate(c);
    TargetProviders.validated(c);
    if (c.get(ShakeOptions.SYNC_MODE) != SyncMode.FULL) {
      throw new ConfigException(
          ShakeOptions.SYNC_MODE.key(),
          "the Flink job runs sync_mode = full so far (the incremental phase on Flink is not built"
              + " yet): run it with sync_mode = full, or run nimo-shake for all/incr");
    }
    return c;
  }

  /**
   * The tables to scan (the table filter over the source's tables) and each one's segment count.
   *
   * @param c the configuration
   * @param parallelism the source's parallelism
   * @return the plan
   */
  public static ScanPlan plan(Configuration c, int parallelism) {
    try (JobComponents parts = JobComponents.builder(c).build()) {
      List<String> tables =
          TableFilter.parse(c.get(SourceOptions.FILTER_WHITE), c.get(SourceOptions.FILTER_BLACK))
              .select(parts.sourceRetrier().call("ListTables", parts.source()::listTables));
      boolean explicit = c.isSet(FullSyncOptions.FULL_READ_CONCURRENCY);
      Map<String, Integer> segments = new LinkedHashMap<>();
      for (String t : tables) {
        TableInfo info =
            parts.sourceRetrier().call("DescribeTable " + t, () -> parts.source().describeTable(t));
        segments.put(
            t,
            explicit
                ? c.get(FullSyncOptions.FULL_READ_CONCURRENCY)
                : ScanPlan.segmentsFor(
                    info.sizeBytes(), c.get(FullSyncOptions.FULL_READ_CONCURRENCY), parallelism));
      }
      LOG.info("[stage=full-flink] {} table(s) selected, segments: {}", tables.size(), segments);
      return new ScanPlan(segments, explicit);
    }
  }

  /**
   * Creates each target table (keys, indexes, TTL) as nimo-shake does, honouring {@code
   * target.db.exist}. Run once, at the job's first start: a restored job keeps its tables.
   *
   * @param c the configuration
   * @param plan the tables
   */
  public static void prepareTargets(Configuration c, ScanPlan plan) {
    FullSyncSettings full = FullSyncSettings.from(c);
    try (JobComponents parts = JobComponents.builder(c).build()) {
      SourceTables describer = new SourceTables(parts.source(), parts.sourceRetrier());
      for (String t : plan.segments().keySet()) {
        SourceTable source = describer.describe(t);
        try {
          var r =
              parts
                  .targets()
                  .table(t, source.keySchema())
                  .prepare(source.schema(), full.existPolicy());
          LOG.info("[stage=full-flink, table={}] target table ready {}", t, r.notes());
        } catch (TargetTableExistsException exists) {
          throw new ConfigException(
              "target.db.exist",
              "target table "
                  + t
                  + " exists; set target.db.exist = drop to replace it, or resume the job from its"
                  + " checkpoint/savepoint instead of starting it anew");
        }
      }
    }
  }

  /**
   * Adds the sync to an environment: Scan source, keyed by table and item key, into the target.
   *
   * @param env the environment (its parallelism is the readers' and writers')
   * @param conf the conf
   * @param plan the tables and segments
   */
  public static void addTo(StreamExecutionEnvironment env, ShakeConf conf, ScanPlan plan) {
    env.fromSource(new ScanSource(conf, plan), WatermarkStrategy.noWatermarks(), "dynamodb-scan")
        .uid("dynamodb-scan")
        .keyBy(ItemRecord::routingKey)
        .sinkTo(new TargetSink(conf))
        .name("nimo-target")
        .uid("nimo-target");
  }
}
