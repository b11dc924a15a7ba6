package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.S3Local;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import io.nimo.core.testkit.export.ExportWriter;
import io.nimo.core.testkit.export.FakeExportApi;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.scan.ScanPlan;
import io.nimo.flink.stream.StreamPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cluster job's bulk copy from an export ({@code full.source = export}) on a MiniCluster: one
 * split per data file, read from an S3-compatible server; in {@code all} mode the stream, read from
 * its oldest record, takes over through the gate under live traffic; an export the stream does not
 * reach back to is bridged by incremental exports (at a fake of our export seam), whose records the
 * gate orders after the export's.
 */
class FlinkExportSyncIT {
  private static DynamoLocal source;
  private static DynamoLocal target;
  private static S3Local s3;
  private static final AtomicInteger TABLES = new AtomicInteger();

  @BeforeAll
  static void start() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    s3 = S3Local.start();
    s3.bucket("exports");
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
    s3.close();
  }

  private static ShakeConf conf(Path dir, String table, String mode) {
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), dir);
    raw.put("filter.collection.white", table);
    raw.put("sync_mode", mode);
    raw.put("full.source", "export");
    raw.put("full.export.s3_uri", "s3://exports/nightly");
    raw.put("full.export.s3_endpoint", s3.endpoint());
    raw.put("qps.full.batch_num", "50");
    raw.put("incr.start_probe", "1s");
    raw.put("incr.shard_discovery_interval", "1s");
    return new ShakeConf(raw);
  }

  private static String arn(String table) {
    return source.client().describeTable(b -> b.tableName(table)).table().tableArn();
  }

  /** When the table's stream was enabled (DynamoDB Local's label, UTC). */
  private static Instant streamEnabled(String table) {
    String label = source.client().describeTable(b -> b.tableName(table)).table().latestStreamArn();
    return LocalDateTime.parse(label.substring(label.lastIndexOf("/stream/") + 8))
        .toInstant(ZoneOffset.UTC);
  }

  private static ExportWriter.Written export(String table, Instant time, int files) {
    List<Map<String, AttributeValue>> items =
        new ArrayList<>(TableContents.read(source.client(), table).values());
    return new ExportWriter(s3.client(), "exports", TABLES.get())
        .full("nightly/" + table, arn(table), time, ExportWriter.Format.ION, items, files);
  }

  @Test
  void copiesAnExportWithOneSplitPerDataFile(@TempDir Path dir) throws Exception {
    String table = FlinkTestEnvs.seededTable(source, "fexport_" + TABLES.incrementAndGet(), 2000);
    var written = export(table, Instant.now(), 5);
    TestTables.put(
        source.client(),
        table,
        List.of(Map.of("id", TestItems.s("after-export"), "n", AttributeValue.fromN("1"))));
    ShakeConf conf = conf(dir, table, "full");
    var c = ShakeFlinkJob.validate(conf);
    ScanPlan plan = ShakeFlinkJob.plan(c, 2);
    assertThat(plan.segments()).containsEntry(table, 5);
    assertThat(plan.exports())
        .containsEntry(
            table, List.of(new ScanPlan.ExportPart("s3://exports/" + written.summaryKey(), 5)));
    ShakeFlinkJob.prepareTargets(c, plan);
    StreamExecutionEnvironment env = FlinkTestEnvs.local(2, false, 200);
    ShakeFlinkJob.addTo(env, conf, plan, null);
    env.execute("flink-export-sync-it");

    assertThat(TableContents.diff(source.client(), target.client(), table))
        .as("the export's items, not the item put after it")
        .containsExactly("missing on target: id=S:after-export");
  }

  @Test
  void allModeHandsTheExportOverToTheStreamUnderLiveTraffic(@TempDir Path dir) throws Exception {
    String table = FlinkTestEnvs.seededTable(source, "fexport_" + TABLES.incrementAndGet(), 1500);
    TestTables.enableStream(source.client(), table);
    LiveWriter traffic = new LiveWriter(source.newClient(), table, 1500, 60).start();
    traffic.awaitMore(30); // before the export: in the export and in the stream
    // the export's time three minutes after the stream's start: the stream reaches back to it
    export(table, streamEnabled(table).plus(Duration.ofMinutes(3)), 4);
    traffic.awaitMore(30); // after it: only in the stream, deletes among them
    ShakeConf conf = conf(dir, table, "all");
    var c = ShakeFlinkJob.validate(conf);
    ScanPlan plan = ShakeFlinkJob.plan(c, 2);
    StreamPlan streams = ShakeFlinkJob.streamPlan(c, plan);
    ShakeFlinkJob.prepareTargets(c, plan);
    StreamExecutionEnvironment env = FlinkTestEnvs.local(2, false, 300);
    ShakeFlinkJob.addTo(env, conf, plan, streams);
    JobClient job = env.executeAsync("flink-export-all-it");
    try {
      traffic.awaitMore(60); // during the load and after it
      traffic.stop();
      FlinkTestEnvs.awaitEqual(source, target, table, job);
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void anExportOlderThanTheStreamIsBridgedByIncrementalExportsThroughTheGate(@TempDir Path dir)
      throws Exception {
    String table = FlinkTestEnvs.seededTable(source, "fexport_" + TABLES.incrementAndGet(), 1200);
    export(table, Instant.now().minus(Duration.ofHours(1)), 3);
    // changes while the table has no stream: only incremental exports hold them
    Set<String> changed = new LinkedHashSet<>();
    Random rnd = new Random(5);
    for (int i = 0; i < 60; i++) {
      String id = "item-" + rnd.nextInt(1200);
      changed.add(id);
      if (i % 3 == 0) {
        source.client().deleteItem(b -> b.tableName(table).key(Map.of("id", TestItems.s(id))));
      } else {
        TestTables.put(
            source.client(), table, List.of(TestItems.ordinary("id", TestItems.s(id), rnd)));
      }
    }
    TestTables.enableStream(source.client(), table);
    FakeExportApi api =
        new FakeExportApi(source.newClient(), s3.client(), java.time.Clock.systemUTC())
            .changes(
                (from, until) -> {
                  Map<String, Map<String, AttributeValue>> now = new HashMap<>();
                  TableContents.read(source.client(), table)
                      .values()
                      .forEach(item -> now.put(item.get("id").s(), item));
                  List<ExportWriter.Change> out = new ArrayList<>();
                  for (String id : changed) {
                    out.add(
                        new ExportWriter.Change(Map.of("id", TestItems.s(id)), null, now.get(id)));
                  }
                  return out;
                });
    ShakeConf conf = conf(dir, table, "all");
    var c = ShakeFlinkJob.validate(conf);
    ScanPlan plan = ShakeFlinkJob.plan(c, 2, api);
    assertThat(api.requests).hasSize(1).allMatch(r -> r.startsWith("incremental "));
    assertThat(plan.exports().get(table)).hasSize(2);
    StreamPlan streams = ShakeFlinkJob.streamPlan(c, plan);
    ShakeFlinkJob.prepareTargets(c, plan);
    LiveWriter traffic = new LiveWriter(source.newClient(), table, 1200, 60).start();
    StreamExecutionEnvironment env = FlinkTestEnvs.local(2, false, 300);
    ShakeFlinkJob.addTo(env, conf, plan, streams);
    JobClient job = env.executeAsync("flink-export-bridge-it");
    try {
      traffic.awaitMore(60); // in the stream only, during the load and after it
      traffic.stop();
      FlinkTestEnvs.awaitEqual(source, target, table, job);
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void refusesATableWithoutAStreamNamingTheKeyBeforeAnythingIsRequested(@TempDir Path dir) {
    String table = FlinkTestEnvs.seededTable(source, "fexport_" + TABLES.incrementAndGet(), 5);
    export(table, Instant.now(), 1);
    var c = ShakeFlinkJob.validate(conf(dir, table, "all"));
    FakeExportApi api =
        new FakeExportApi(source.newClient(), s3.client(), java.time.Clock.systemUTC());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShakeFlinkJob.plan(c, 2, api))
        .isInstanceOf(io.nimo.core.config.ConfigException.class)
        .hasMessageContaining("full.source")
        .hasMessageContaining("has no stream");
    assertThat(api.requests).isEmpty();
  }
}
