package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.OutageProxy;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import io.nimo.flink.item.ItemRecord;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.scan.ScanPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Flink full sync on an in-process MiniCluster between two DynamoDB Local servers: every item
 * arrives item for item, the target tables get the source's indexes, and a job that fails midway
 * restores from its checkpoint and still ends equal.
 */
class FlinkFullSyncIT {
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

  private static ShakeConf conf(Path dir, String table, Map<String, String> extra) {
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), dir);
    raw.put("filter.collection.white", table);
    raw.put("qps.full", "10000");
    raw.put("qps.full.batch_num", "100");
    raw.putAll(extra);
    return new ShakeConf(raw);
  }

  private static String seededTable(int items) {
    return FlinkTestEnvs.seededTable(source, "flink_" + TABLES.incrementAndGet(), items);
  }

  @Test
  void copiesEveryItemOfEveryTableWithFourReadersAndWriters(@TempDir Path dir) throws Exception {
    String plain = seededTable(3000);
    String indexed = "flink_idx_" + TABLES.incrementAndGet();
    TestTables.createWithIndexes(source.client(), indexed);
    Random rnd = new Random(7);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Map<String, AttributeValue> item =
          new java.util.LinkedHashMap<>(TestItems.ordinary("sk", TestItems.s("s" + i), rnd));
      item.put("pk", TestItems.n(String.valueOf(i % 17)));
      item.put("gpk", TestItems.s("g" + (i % 5)));
      item.put("gsk", TestItems.n(String.valueOf(i)));
      item.put("lsk", TestItems.s("l" + i));
      items.add(item);
    }
    TestTables.put(source.client(), indexed, items);

    ShakeConf conf = conf(dir, plain + ";" + indexed, Map.of());
    var c = ShakeFlinkJob.validate(conf);
    ScanPlan plan = ShakeFlinkJob.plan(c, 4);
    assertThat(plan.segments())
        .containsOnlyKeys(plain, indexed)
        .as("4 readers keeping full.read.concurrency = 8 Scan calls in flight each")
        .allSatisfy((t, n) -> assertThat(n).isEqualTo(32));
    ShakeFlinkJob.prepareTargets(c, plan);
    StreamExecutionEnvironment env = FlinkTestEnvs.local(4, false, 200);
    ShakeFlinkJob.addTo(env, conf, plan, null);
    env.execute("flink-full-sync-it");

    assertThat(TableContents.diff(source.client(), target.client(), plain)).isEmpty();
    assertThat(TableContents.read(target.client(), plain)).hasSize(3000);
    assertThat(TableContents.diff(source.client(), target.client(), indexed)).isEmpty();
    var described = target.client().describeTable(b -> b.tableName(indexed)).table();
    assertThat(described.globalSecondaryIndexes()).hasSize(1);
    assertThat(described.localSecondaryIndexes()).hasSize(1);
  }

  /** Fails once, after enough items for a checkpoint to have completed. */
  static final class FailOnce implements MapFunction<ItemRecord, ItemRecord> {
    static final AtomicInteger SEEN = new AtomicInteger();
    static volatile boolean failed;
    private final int after;

    FailOnce(int after) {
      this.after = after;
    }

    @Override
    public ItemRecord map(ItemRecord r) throws Exception {
      if (!failed && SEEN.incrementAndGet() >= after) {
        failed = true;
        throw new IllegalStateException("injected failure after " + after + " items");
      }
      if (SEEN.get() % 200 == 0) {
        Thread.sleep(5); // leave room for checkpoints between pages
      }
      return r;
    }
  }

  @Test
  void aJobThatFailsMidScanRestoresFromItsCheckpointAndEndsEqual(@TempDir Path dir)
      throws Exception {
    String table = seededTable(4000);
    ShakeConf conf = conf(dir, table, Map.of("full.read.concurrency", "6"));
    var c = ShakeFlinkJob.validate(conf);
    ScanPlan plan = ShakeFlinkJob.plan(c, 2);
    assertThat(plan.explicit()).isTrue();
    ShakeFlinkJob.prepareTargets(c, plan);
    StreamExecutionEnvironment env = FlinkTestEnvs.local(2, true, 200);
    env.fromSource(
            new io.nimo.flink.scan.ScanSource(conf, plan),
            WatermarkStrategy.noWatermarks(),
            "dynamodb-scan")
        .map(new FailOnce(2500))
        .keyBy(ItemRecord::routingKey)
        .sinkTo(new io.nimo.flink.sink.TargetSink(conf));
    env.execute("flink-full-sync-restore-it");
    assertThat(FailOnce.failed).isTrue();
    // restored from a checkpoint, not started over: fewer than the whole table passed again
    assertThat(FailOnce.SEEN.get()).isLessThan(2500 + 4000);
    assertThat(TableContents.diff(source.client(), target.client(), table)).isEmpty();
    assertThat(TableContents.read(target.client(), table)).hasSize(4000);
  }

  @Test
  void aRestoreWithAnotherSegmentCountIsRefusedNamingTheTableAndBothCounts(@TempDir Path dir)
      throws Exception {
    String table = seededTable(3000);
    // one Scan call a second of 20 items: the Scan is still running when the savepoint is taken
    Map<String, String> slow =
        Map.of("full.read.concurrency", "6", "qps.full", "1", "qps.full.batch_num", "20");
    ShakeConf first = conf(dir, table, slow);
    var c = ShakeFlinkJob.validate(first);
    ScanPlan plan = ShakeFlinkJob.plan(c, 2);
    ShakeFlinkJob.prepareTargets(c, plan);
    StreamExecutionEnvironment env = FlinkTestEnvs.local(2, true, 200);
    ShakeFlinkJob.addTo(env, first, plan, null);
    JobClient job = env.executeAsync("flink-full-sync-savepoint-it");
    io.nimo.core.testkit.Await.until(
        "the Scan's first items on the target",
        java.time.Duration.ofSeconds(60),
        () -> !TableContents.read(target.client(), table).isEmpty());
    String savepoint =
        job.stopWithSavepoint(
                false, dir.resolve("sp").toUri().toString(), SavepointFormatType.CANONICAL)
            .get(60, TimeUnit.SECONDS);
    assertThat(TableContents.read(target.client(), table).size()).isLessThan(3000);

    Map<String, String> other = new java.util.HashMap<>(slow);
    other.put("full.read.concurrency", "4");
    ShakeConf second = conf(dir, table, other);
    ScanPlan changed = ShakeFlinkJob.plan(ShakeFlinkJob.validate(second), 2);
    Configuration from = new Configuration();
    from.setString("execution.savepoint.path", savepoint);
    StreamExecutionEnvironment again = FlinkTestEnvs.local(2, true, 200, from);
    ShakeFlinkJob.addTo(again, second, changed, null);
    assertThatThrownBy(() -> again.execute("flink-full-sync-refused-restore-it"))
        .satisfies(
            e -> {
              assertThat(org.apache.flink.util.ExceptionUtils.stringifyException(e))
                  .contains("table " + table + " was split into 6 Scan segments")
                  .contains("asks for 4")
                  .contains("restore is refused")
                  // stopped at once: a restart would restore the same state and be refused again
                  .contains("The failure is not recoverable")
                  .contains("SuppressRestartsException");
            });
  }

  private static void syncAndCheck(Path dir, String table, Map<String, String> targetKeys)
      throws Exception {
    Map<String, String> keys = new java.util.HashMap<>(targetKeys);
    keys.put("target.access_key_id", "");
    keys.put("target.secret_access_key", "");
    ShakeConf conf = conf(dir, table, keys);
    var c = ShakeFlinkJob.validate(conf);
    ScanPlan plan = ShakeFlinkJob.plan(c, 3);
    ShakeFlinkJob.prepareTargets(c, plan);
    StreamExecutionEnvironment env = FlinkTestEnvs.local(3, false, 200);
    ShakeFlinkJob.addTo(env, conf, plan, null);
    env.execute("flink-full-sync-" + targetKeys.get("target.type"));
    // nimo-full-check's engine, unchanged, on what the cluster job wrote
    try (io.nimo.core.check.CheckJob check =
        io.nimo.core.check.CheckJob.builder(c).diffDirectory(dir.resolve("diff")).build()) {
      var report = check.run();
      assertThat(report.consistent()).as("check of %s", targetKeys.get("target.type")).isTrue();
      assertThat(report.tables().get(0).checked()).isEqualTo(1200);
    }
  }

  @Test
  void writesMongoDbThroughTheSameJobAndTheCheckFindsItEqual(@TempDir Path dir) throws Exception {
    try (io.nimo.core.testkit.MongoLocal mongo = io.nimo.core.testkit.MongoLocal.start()) {
      syncAndCheck(
          dir,
          seededTable(1200),
          Map.of(
              "target.type",
              "mongodb",
              "target.address",
              mongo.uri(),
              "target.access_key_id",
              "",
              "target.secret_access_key",
              ""));
    }
  }

  @Test
  void writesPostgresqlThroughTheSameJobAndTheCheckFindsItEqual(@TempDir Path dir)
      throws Exception {
    try (io.nimo.core.testkit.PostgresLocal pg = io.nimo.core.testkit.PostgresLocal.start()) {
      syncAndCheck(
          dir,
          seededTable(1200),
          Map.of("target.type", "postgresql", "target.address", pg.jdbcUrl()));
    }
  }

  @Test
  void anIncrJobKeepsTargetTablesThatNimoShakeFilledEvenWithDrop(@TempDir Path dir)
      throws Exception {
    String filled = seededTable(50);
    String missing = seededTable(5);
    TestTables.createHashOnly(
        target.client(),
        filled,
        "id",
        software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S);
    TestTables.put(
        target.client(), filled, List.of(Map.of("id", TestItems.s("copied-by-nimo-shake"))));

    ShakeConf conf =
        conf(dir, filled + ";" + missing, Map.of("sync_mode", "incr", "target.db.exist", "drop"));
    var c = ShakeFlinkJob.validate(conf);
    ShakeFlinkJob.prepareTargets(c, ShakeFlinkJob.plan(c, 2));

    assertThat(TableContents.read(target.client(), filled))
        .as("the copy the changes apply to")
        .hasSize(1);
    assertThat(target.client().listTables().tableNames()).contains(missing);
  }

  @Test
  void aTargetDownLongerThanTheCheckpointTimeoutCostsCheckpointsNotTheJob(@TempDir Path dir)
      throws Exception {
    String table = seededTable(3000);
    try (OutageProxy proxy = new OutageProxy(java.net.URI.create(target.endpoint()).getPort())) {
      // four Scan calls a second of 100 items: the copy takes long enough to be cut off midway
      ShakeConf conf =
          conf(
              dir,
              table,
              Map.of(
                  "target.address",
                  "http://localhost:" + proxy.port(),
                  "qps.full",
                  "4",
                  "retry.budget",
                  "2m"));
      var c = ShakeFlinkJob.validate(conf);
      ScanPlan plan = ShakeFlinkJob.plan(c, 2);
      ShakeFlinkJob.prepareTargets(c, plan);
      Configuration cluster = new Configuration();
      cluster.setString("execution.checkpointing.timeout", "1 s");
      RecordingReporter.configure(cluster);
      // no restarts: a failover would fail the job
      StreamExecutionEnvironment env = FlinkTestEnvs.local(2, false, 200, cluster);
      ShakeFlinkJob.addTo(env, conf, plan, null);
      JobClient job = env.executeAsync("flink-slow-target-it");
      io.nimo.core.testkit.Await.until(
          "the copy under way",
          java.time.Duration.ofSeconds(60),
          () -> TableContents.read(target.client(), table).size() > 300);
      long failedBefore = RecordingReporter.jobGauge("numberOfFailedCheckpoints");
      proxy.down(); // writes refused and retried: the sink holds every checkpoint barrier
      io.nimo.core.testkit.Await.until(
          "a checkpoint expired while the target is down",
          java.time.Duration.ofSeconds(60),
          () -> RecordingReporter.jobGauge("numberOfFailedCheckpoints") > failedBefore);
      proxy.up();
      job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
      assertThat(TableContents.diff(source.client(), target.client(), table)).isEmpty();
    }
  }
}
