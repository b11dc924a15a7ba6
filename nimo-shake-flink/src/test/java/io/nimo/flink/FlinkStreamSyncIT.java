package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestTables;
import io.nimo.flink.item.ItemRecord;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.scan.ScanPlan;
import io.nimo.flink.stream.StreamPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The Flink job's stream phase on an in-process MiniCluster between two DynamoDB Local servers:
 * {@code sync_mode = all} under live traffic while a slow Scan runs (changes during the Scan are
 * neither lost nor overwritten by older scanned images), a job that fails mid-stream and restores
 * from its checkpoint, and {@code sync_mode = incr} from the streams' oldest records.
 */
class FlinkStreamSyncIT {
  private static DynamoLocal source;
  private static DynamoLocal target;
  private static final AtomicInteger TABLES = new AtomicInteger();

  @BeforeAll
  static void start() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  private static ShakeConf conf(Path dir, String table, String mode, Map<String, String> extra) {
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), dir);
    raw.put("filter.collection.white", table);
    raw.put("sync_mode", mode);
    raw.put("incr.start_probe", "1s");
    raw.put("incr.shard_discovery_interval", "1s");
    raw.putAll(extra);
    return new ShakeConf(raw);
  }

  private static String seededTable(int items) {
    return FlinkTestEnvs.seededTable(source, "fstream_" + TABLES.incrementAndGet(), items);
  }

  private static JobClient submit(
      ShakeConf conf, int parallelism, boolean restarts, UnaryOperator<DataStream<ItemRecord>> tap)
      throws Exception {
    var c = ShakeFlinkJob.validate(conf);
    ScanPlan plan = ShakeFlinkJob.plan(c, parallelism);
    StreamPlan streams = ShakeFlinkJob.streamPlan(c, plan);
    ShakeFlinkJob.prepareTargets(c, plan);
    org.apache.flink.configuration.Configuration metrics =
        new org.apache.flink.configuration.Configuration();
    RecordingReporter.configure(metrics);
    StreamExecutionEnvironment env = FlinkTestEnvs.local(parallelism, restarts, 300, metrics);
    ShakeFlinkJob.addTo(env, conf, plan, streams, tap);
    return env.executeAsync("flink-stream-sync-it");
  }

  @Test
  void allModeUnderLiveTrafficDuringASlowScanEndsEqual(@TempDir Path dir) throws Exception {
    String table = seededTable(2000);
    // about 40 Scan pages at 10 calls/s: the traffic changes items before and after their page
    ShakeConf conf = conf(dir, table, "all", Map.of("qps.full", "10", "qps.full.batch_num", "50"));
    LiveWriter traffic = new LiveWriter(source.newClient(), table, 2000, 150).start();
    // scanned images held back: pages read early reach the writers after newer changes
    JobClient job = submit(conf, 3, false, s -> s.map(new SlowScan()).name("slow-scan"));
    try {
      traffic.awaitMore(500); // changes while the slow Scan runs
      traffic.stop();
      FlinkTestEnvs.awaitEqual(source, target, table, job);
      // per-table figures as any metrics reporter receives them
      long scanned = RecordingReporter.count(table, "nimoItemsScanned");
      // the 2000 seeded items, give or take what the traffic added or deleted before its page
      assertThat(scanned).isBetween(1500L, 2000L + traffic.ops.get());
      assertThat(RecordingReporter.count(table, "nimoItemsWritten"))
          .as("scanned images written, those superseded by a change left out")
          .isPositive()
          .isLessThanOrEqualTo(scanned);
      long read = RecordingReporter.count(table, "nimoChangesRead");
      // a put that changes nothing leaves no stream record, so fewer than the traffic's calls
      assertThat(read).isBetween(traffic.ops.get() / 2L, (long) traffic.ops.get());
      assertThat(RecordingReporter.count(table, "nimoChangesApplied"))
          .isPositive()
          .isLessThanOrEqualTo(read);
      assertThat(RecordingReporter.gauges(table, "nimoMillisBehindLatest")).isPositive();
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void allModeAppliesChangesToPostgresqlAndMongoDbAndTheCheckFindsThemEqual(@TempDir Path dir)
      throws Exception {
    try (io.nimo.core.testkit.PostgresLocal pg = io.nimo.core.testkit.PostgresLocal.start();
        io.nimo.core.testkit.MongoLocal mongo = io.nimo.core.testkit.MongoLocal.start()) {
      for (Map<String, String> target :
          List.of(
              Map.of("target.type", "postgresql", "target.address", pg.jdbcUrl()),
              Map.of(
                  "target.type",
                  "mongodb",
                  "target.address",
                  mongo.uri(),
                  "target.access_key_id",
                  "",
                  "target.secret_access_key",
                  ""))) {
        String table = seededTable(600);
        Map<String, String> keys = new java.util.HashMap<>(target);
        keys.put("target.access_key_id", "");
        keys.put("target.secret_access_key", "");
        ShakeConf conf = conf(dir, table, "all", keys);
        LiveWriter traffic = new LiveWriter(source.newClient(), table, 600, 100).start();
        JobClient job = submit(conf, 2, false, UnaryOperator.identity());
        try {
          traffic.awaitMore(400); // puts, updates and deletes during and after the Scan
          traffic.stop();
          awaitConsistent(conf, dir.resolve("diff-" + table), job);
          assertThat(RecordingReporter.count(table, "nimoChangesApplied")).isPositive();
        } finally {
          job.cancel().get();
        }
      }
    }
  }

  /** Runs nimo-full-check's engine until it finds the target equal to the source. */
  private static void awaitConsistent(ShakeConf conf, Path diff, JobClient job) throws Exception {
    var c = ShakeFlinkJob.validate(conf);
    var report =
        Await.settle(
            Duration.ofSeconds(90),
            Duration.ofSeconds(1),
            () -> {
              assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
              try (io.nimo.core.check.CheckJob check =
                  io.nimo.core.check.CheckJob.builder(c).diffDirectory(diff).build()) {
                return check.run();
              }
            },
            io.nimo.core.check.CheckReport::consistent);
    assertThat(report.consistent()).as("check of %s", conf.raw().get("target.type")).isTrue();
  }

  /** Holds each scanned image back a little, so the Scan's pages queue up behind changes. */
  static final class SlowScan implements MapFunction<ItemRecord, ItemRecord> {
    @Override
    public ItemRecord map(ItemRecord r) throws InterruptedException {
      if (r.kind() == ItemRecord.Kind.SCANNED) {
        Thread.sleep(2);
      }
      return r;
    }
  }

  /** Fails once, after enough changes for a checkpoint to have completed. */
  static final class FailOnceOnChanges implements MapFunction<ItemRecord, ItemRecord> {
    static final AtomicInteger CHANGES = new AtomicInteger();
    static volatile boolean failed;
    private final int after;

    FailOnceOnChanges(int after) {
      this.after = after;
    }

    @Override
    public ItemRecord map(ItemRecord r) {
      if (r.isChange() && !failed && CHANGES.incrementAndGet() >= after) {
        failed = true;
        throw new IllegalStateException("injected failure after " + after + " changes");
      }
      return r;
    }
  }

  @Test
  void aJobThatFailsMidStreamRestoresFromItsCheckpointAndEndsEqual(@TempDir Path dir)
      throws Exception {
    String table = seededTable(500);
    ShakeConf conf = conf(dir, table, "all", Map.of());
    JobClient job = submit(conf, 2, true, s -> s.map(new FailOnceOnChanges(600)).name("fail-once"));
    LiveWriter traffic = new LiveWriter(source.newClient(), table, 500, 150).start();
    try {
      Await.until("the injected failure", Duration.ofSeconds(120), () -> FailOnceOnChanges.failed);
      traffic.awaitMore(300); // traffic on after the restore
      traffic.stop();
      FlinkTestEnvs.awaitEqual(source, target, table, job);
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void incrModeFromTheOldestRecordsReplaysChangesMadeBeforeTheJob(@TempDir Path dir)
      throws Exception {
    String table = "fstream_incr_" + TABLES.incrementAndGet();
    TestTables.createHashOnly(source.client(), table, "id", ScalarAttributeType.S);
    source
        .client()
        .updateTable(
            b ->
                b.tableName(table)
                    .streamSpecification(
                        StreamSpecification.builder()
                            .streamEnabled(true)
                            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                            .build()));
    TestTables.seed(source.client(), table, "id", 300, 5);
    ShakeConf conf = conf(dir, table, "incr", Map.of("incr.start_position", "trim_horizon"));
    JobClient job = submit(conf, 2, false, UnaryOperator.identity());
    try {
      FlinkTestEnvs.awaitEqual(source, target, table, job);
      assertThat(TableContents.read(target.client(), table)).hasSize(300);
    } finally {
      job.cancel().get();
    }
  }
}
