package io.nimo.flink;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.IncrSyncOptions;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SyncMode;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.dynamo.ExportApi;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetPreparation;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.source.SourceTable;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.export.ExportSettings;
import io.nimo.core.source.export.FoundExport;
import io.nimo.core.source.stream.StreamPositions;
import io.nimo.core.sync.ConfValidator;
import io.nimo.core.sync.SyncSettings;
import io.nimo.core.sync.full.FullSyncSettings;
import io.nimo.core.sync.stream.IncrSettings;
import io.nimo.core.wiring.JobComponents;
import io.nimo.flink.gate.ChangeGate;
import io.nimo.flink.gate.ScanDoneMarkers;
import io.nimo.flink.item.ItemRecord;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.scan.ExportHandOver;
import io.nimo.flink.scan.ScanPlan;
import io.nimo.flink.scan.ScanReaderSettings;
import io.nimo.flink.scan.ScanSource;
import io.nimo.flink.sink.TargetSink;
import io.nimo.flink.stream.ShardSource;
import io.nimo.flink.stream.StreamPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nimo-shake's sync as a Flink DataStream job: the parallel-Scan {@link ScanSource} ({@code
 * sync_mode = full, all}) and the stream {@link ShardSource} ({@code all, incr}), keyed by table
 * and item key, through the {@link ChangeGate} (so a scanned image never overwrites a newer change)
 * into the {@link TargetSink} on nimo-core's target adapters. The client side (this class) checks
 * the conf as nimo-shake does, plans the segments, records the stream start positions and prepares
 * the target tables once, before the job's sources start.
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
    ConfValidator.sync(c);
    if (c.get(ShakeOptions.SYNC_MODE).follows()
        && c.get(IncrSyncOptions.INCR_ON_TRIMMED) == io.nimo.core.config.OnTrimmed.RESYNC) {
      throw new ConfigException(
          IncrSyncOptions.INCR_ON_TRIMMED.key(),
          "the Flink job stops on a lost stream position (incr.on_trimmed = stop); an automatic"
              + " re-copy is nimo-shake's alone: set incr.on_trimmed = stop, and on a stop restart"
              + " the job without its savepoint (target.db.exist = drop)");
    }
    return c;
  }

  /**
   * {@code full.read.concurrency}: the segments of every table when set, else the floor of a count
   * sized from each table.
   */
  private record Segments(boolean explicit, int configured) {
    static Segments from(Configuration c) {
      return new Segments(
          c.isSet(FullSyncOptions.FULL_READ_CONCURRENCY), FullSyncSettings.from(c).segments());
    }
  }

  /**
   * The tables to scan (the table filter over the source's tables) and each one's segment count.
   *
   * @param c the configuration
   * @param parallelism the source's parallelism
   * @return the plan
   */
  public static ScanPlan plan(Configuration c, int parallelism) {
    return plan(c, parallelism, null);
  }

  /**
   * As {@link #plan(Configuration, int)}, with the source's export calls given (tests fake them:
   * DynamoDB Local has none).
   *
   * @param exports the export API, or {@code null} for the one the configuration describes
   * @return the plan
   */
  public static ScanPlan plan(Configuration c, int parallelism, ExportApi exports) {
    JobComponents.Builder builder = JobComponents.builder(c);
    if (exports != null) {
      builder.exports(exports);
    }
    try (JobComponents parts = builder.build()) {
      List<String> tables =
          SyncSettings.from(c)
              .tables()
              .select(parts.sourceRetrier().call("ListTables", parts.source()::listTables));
      Segments chosen = Segments.from(c);
      boolean explicit = chosen.explicit();
      int configured = chosen.configured();
      int callsPerReader = ScanReaderSettings.from(c).callsInFlight();
      Map<String, Integer> segments = new LinkedHashMap<>();
      for (String t : tables) {
        TableInfo info =
            parts.sourceRetrier().call("DescribeTable " + t, () -> parts.source().describeTable(t));
        segments.put(
            t,
            explicit
                ? configured
                : ScanPlan.segmentsFor(info.sizeBytes(), configured, parallelism, callsPerReader));
      }
      Map<String, List<ScanPlan.ExportPart>> fromExports = new LinkedHashMap<>();
      ExportSettings export = ExportSettings.from(c);
      if (export.fromExport()) {
        export.requireFits(tables);
        SyncSettings job = SyncSettings.from(c);
        ExportHandOver handOver = new ExportHandOver(parts, export, job.mode().follows(), job.id());
        for (String t : tables) {
          List<ScanPlan.ExportPart> read = new ArrayList<>();
          for (FoundExport e : handOver.locate(t)) {
            read.add(new ScanPlan.ExportPart(e.summaryUri(), e.files().size()));
          }
          segments.put(t, read.stream().mapToInt(ScanPlan.ExportPart::files).sum());
          fromExports.put(t, read);
        }
      }
      LOG.info("[stage=full-flink] {} table(s) selected, segments: {}", tables.size(), segments);
      return new ScanPlan(segments, explicit, fromExports);
    }
  }

  /**
   * Prepares each target table (keys, indexes, TTL) with nimo-shake's one step ({@link
   * TargetPreparation}): a job that copies creates them as {@code target.db.exist} says, an {@code
   * incr} job creates the missing ones and keeps existing ones. Run once, at the job's first start:
   * a restored job keeps its tables.
   *
   * @param c the configuration
   * @param plan the tables
   * @throws ConfigException naming {@code target.db.exist} when a table exists and may not be
   *     replaced
   */
  public static void prepareTargets(Configuration c, ScanPlan plan) {
    FullSyncSettings full = FullSyncSettings.from(c);
    boolean copies = SyncSettings.from(c).mode().copies();
    try (JobComponents parts = JobComponents.builder(c).build()) {
      SourceTables describer = new SourceTables(parts.source(), parts.sourceRetrier());
      for (String t : plan.segments().keySet()) {
        SourceTable source = describer.describe(t);
        Target target = parts.targets().table(t, source.keySchema());
        if (!copies) {
          TargetPreparation.forFollow(target, source)
              .ifPresent(
                  r ->
                      LOG.info(
                          "[stage=incr-flink, table={}] target table created {}", t, r.notes()));
          continue;
        }
        try {
          var r = TargetPreparation.forCopy(target, source, full.existPolicy());
          LOG.info("[stage=full-flink, table={}] target table ready {}", t, r.notes());
        } catch (TargetTableExistsException exists) {
          throw new ConfigException(TargetAccessOptions.TARGET_DB_EXIST.key(), exists.getMessage());
        }
      }
    }
  }

  /**
   * Records where each table's stream reading starts (enabling a NEW_AND_OLD_IMAGES stream where a
   * table has none), as nimo-shake does before its first Scan: with a Scan, after what the streams
   * hold now; with {@code sync_mode = incr}, as {@code incr.start_position} says.
   *
   * @param c the configuration
   * @param plan the tables
   * @return the start positions, or {@code null} when {@code sync_mode = full}
   */
  public static StreamPlan streamPlan(Configuration c, ScanPlan plan) {
    SyncSettings job = SyncSettings.from(c);
    if (!job.mode().follows()) {
      return null;
    }
    StreamPositions.Start start =
        StreamPositions.Start.forRun(
            job.mode().copies(), ExportSettings.from(c).fromExport(), job.incrStart());
    try (JobComponents parts = JobComponents.builder(c).build()) {
      StreamPositions positions =
          new StreamPositions(
              parts.source(),
              parts.streams(),
              parts.sourceRetrier(),
              IncrSettings.from(c).startProbe());
      Map<String, StreamPositions.Prepared> prepared = new LinkedHashMap<>();
      for (String t : plan.segments().keySet()) {
        prepared.put(t, positions.prepare(t, start));
      }
      return StreamPlan.of(prepared, System.currentTimeMillis());
    }
  }

  /**
   * Adds the sync to an environment: the sources {@code sync_mode} asks for, keyed by table and
   * item key, through the gate (with both phases) into the target.
   *
   * @param env the environment (its parallelism is the readers' and writers')
   * @param conf the conf
   * @param plan the tables and segments
   * @param streams the stream start positions, or {@code null} without a stream phase
   */
  public static void addTo(
      StreamExecutionEnvironment env, ShakeConf conf, ScanPlan plan, StreamPlan streams) {
    addTo(env, conf, plan, streams, UnaryOperator.identity());
  }

  /**
   * As {@link #addTo(StreamExecutionEnvironment, ShakeConf, ScanPlan, StreamPlan)}, with a tap on
   * the sources' elements before they are keyed (tests inject failures there).
   */
  static void addTo(
      StreamExecutionEnvironment env,
      ShakeConf conf,
      ScanPlan plan,
      StreamPlan streams,
      UnaryOperator<DataStream<ItemRecord>> tap) {
    JobCheckpointing.applyTo(env, conf.configuration());
    SyncMode mode = SyncSettings.from(conf.configuration()).mode();
    // both sources' enumerators meet under this id in the JobManager (the Scan's stream-lag brake)
    String lagLink =
        mode.copies() && mode.follows() ? java.util.UUID.randomUUID().toString() : null;
    DataStream<ItemRecord> scanned =
        mode.copies()
            ? env.fromSource(
                    new ScanSource(conf, plan, mode.follows(), lagLink),
                    WatermarkStrategy.noWatermarks(),
                    "dynamodb-scan")
                .uid("dynamodb-scan")
            : null;
    DataStream<ItemRecord> changes =
        mode.follows()
            ? env.fromSource(
                    new ShardSource(conf, streams, lagLink),
                    WatermarkStrategy.noWatermarks(),
                    "dynamodb-streams")
                .uid("dynamodb-streams")
            : null;
    DataStream<ItemRecord> toWrite;
    if (scanned != null && changes != null) {
      // fixed key groups: every Scan reader's end-of-Scan markers must reach each of them
      env.setMaxParallelism(ScanDoneMarkers.KEY_GROUPS);
      toWrite =
          tap.apply(scanned.union(changes))
              .keyBy(ItemRecord::routingKey)
              .transform("nimo-change-gate", TypeInformation.of(ItemRecord.class), new ChangeGate())
              .uid("nimo-change-gate");
    } else if (changes != null) {
      toWrite = tap.apply(changes).keyBy(ItemRecord::routingKey);
    } else {
      // a Scan alone reads every key once: each reader's writer takes its items in the same task,
      // with no shuffle and no serialization between them
      toWrite = tap.apply(scanned);
    }
    toWrite.sinkTo(new TargetSink(conf)).name("nimo-target").uid("nimo-target");
  }
}
