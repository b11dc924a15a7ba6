package io.nimo.core.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.S3Local;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestTables;
import io.nimo.core.testkit.export.ExportWriter;
import io.nimo.core.testkit.export.FakeExportApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code nimo-shake --plan} on a known table in DynamoDB Local, with an export of it in an
 * S3-compatible server: the figures follow from DescribeTable and the settings, the export's files
 * and the hand-over are named, and nothing is written anywhere.
 */
class PlanJobIT {
  private static final int ITEMS = 300;
  private static DynamoLocal source;
  private static DynamoLocal target;
  private static S3Local s3;
  @TempDir Path work;

  @BeforeAll
  static void servers() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    s3 = S3Local.start();
    s3.bucket("exports");
    TestTables.createHashOnly(source.client(), "orders", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "orders", "id", ITEMS, 3);
    TestTables.enableStream(source.client(), "orders");
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
    s3.close();
  }

  private Map<String, String> conf(String fullSource) {
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work);
    raw.put("sync_mode", "all");
    raw.put("qps.full", "2");
    raw.put("qps.full.batch_num", "50");
    raw.put("full.read.concurrency", "3");
    raw.put("full.source", fullSource);
    raw.put("full.export.s3_uri", "s3://exports/nightly");
    raw.put("full.export.s3_endpoint", s3.endpoint());
    raw.put("full.export.price_per_gb", "0.10");
    return raw;
  }

  private static long bytes() {
    return source.client().describeTable(b -> b.tableName("orders")).table().tableSizeBytes();
  }

  private void assertNothingWritten() {
    assertThat(target.client().listTables().tableNames()).isEmpty();
    assertThat(work.resolve("it-job-checkpoint")).doesNotExist();
  }

  @Test
  void plansTheScanOfAKnownTableFromItsSizeAndTheSettings() {
    List<TablePlan> plans;
    String text;
    try (PlanJob job = PlanJob.builder(TestConfigs.validated(conf("scan"))).build()) {
      plans = job.run();
      text = job.describe(plans);
    }
    TablePlan p = plans.get(0);
    long bytes = bytes();
    assertThat(p.items()).isEqualTo(ITEMS);
    assertThat(p.bytes()).isEqualTo(bytes).isPositive();
    assertThat(p.segments()).isEqualTo(3);
    assertThat(p.scanCalls()).as("300 items in pages of 50").isEqualTo(6);
    assertThat(p.scanReadUnits()).isEqualTo(((bytes + 4095) / 4096 + 1) / 2);
    assertThat(p.scanSeconds()).as("6 calls at 2 per second").isEqualTo(3);
    assertThat(p.stream()).isEqualTo("on (NEW_AND_OLD_IMAGES)");
    assertThat(text)
        .contains("table orders: 300 item(s)")
        .contains("Scan: 3 segment(s), 6 call(s)")
        .contains("about 3 s at qps.full = 2")
        .contains("$0.10/GB")
        .contains("full.source: scan: 3 parallel segment(s)")
        .contains("nothing was written");
    assertNothingWritten();
  }

  @Test
  void plansAnExportWithItsFilesAndWhetherTheStreamTakesOverDirectly() {
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3));
    String arn = source.client().describeTable(b -> b.tableName("orders")).table().tableArn();
    var written =
        new ExportWriter(s3.client(), "exports", 9)
            .full(
                "nightly/orders",
                arn,
                ahead.instant(),
                ExportWriter.Format.DYNAMODB_JSON,
                new ArrayList<>(TableContents.read(source.client(), "orders").values()),
                4);
    FakeExportApi api = new FakeExportApi(source.newClient(), s3.client(), ahead);
    String text;
    try (PlanJob job =
        PlanJob.builder(TestConfigs.validated(conf("export"))).exports(api).clock(ahead).build()) {
      text = job.describe(job.run());
    }
    assertThat(text)
        .contains("export: reads s3://exports/" + written.summaryKey())
        .contains("(4 file(s), 300 item(s), DYNAMODB_JSON)")
        .contains("the stream reaches back to its time: it takes over directly")
        .contains("point-in-time recovery: on");

    // the same export seen a day later: the stream no longer reaches back to it
    Clock dayLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(25));
    try (PlanJob job =
        PlanJob.builder(TestConfigs.validated(conf("export")))
            .exports(api)
            .clock(dayLater)
            .build()) {
      text = job.describe(job.run());
    }
    assertThat(text).contains("incremental export(s) would bridge the gap");
    assertThat(api.requests).as("a plan requests nothing").isEmpty();
    assertNothingWritten();
  }

  @Test
  void plansARequestWhenThePrefixHoldsNoExport() {
    Map<String, String> raw = conf("export");
    raw.put("full.export.s3_uri", "s3://exports/empty");
    FakeExportApi api =
        new FakeExportApi(source.newClient(), s3.client(), Clock.systemUTC())
            .pointInTimeRecovery(false);
    String text;
    try (PlanJob job = PlanJob.builder(TestConfigs.validated(raw)).exports(api).build()) {
      text = job.describe(job.run());
    }
    assertThat(text)
        .contains("export: none found under s3://exports/empty/orders")
        .contains("needs point-in-time recovery on (it is off)");
    assertThat(api.requests).isEmpty();
    assertNothingWritten();
  }
}
