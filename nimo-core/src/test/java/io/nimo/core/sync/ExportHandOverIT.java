package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.S3Local;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import io.nimo.core.testkit.export.ExportWriter;
import io.nimo.core.testkit.export.FakeExportApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The hand-over from an export to the table's stream under live traffic (puts, updates, deletes)
 * before and after the export's time, between DynamoDB Local servers and an S3-compatible server:
 * the target ends equal to the source, directly when the stream reaches back to the export, and
 * through incremental exports (requested at our fake of DynamoDB's export calls) when it does not.
 *
 * <p>The job's clock runs three minutes ahead: DynamoDB Local labels a stream with the real time it
 * was enabled, and the hand-over needs the stream to reach two minutes before the export's time, so
 * this is "the stream was enabled three minutes ago" without waiting for it.
 */
class ExportHandOverIT {
  private static final int ITEMS = 600;
  private static final Clock AHEAD = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3));
  private DynamoLocal source;
  private DynamoLocal target;
  private S3Local s3;
  @TempDir Path work;

  @BeforeEach
  void servers() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    s3 = S3Local.start();
    s3.bucket("exports");
    TestTables.createHashOnly(source.client(), "items", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "items", "id", ITEMS, 3);
  }

  @AfterEach
  void stopServers() {
    source.close();
    target.close();
    s3.close();
  }

  private String arn() {
    return source.client().describeTable(b -> b.tableName("items")).table().tableArn();
  }

  private void exportAt(Instant time) {
    List<Map<String, AttributeValue>> items =
        new ArrayList<>(TableContents.read(source.client(), "items").values());
    new ExportWriter(s3.client(), "exports", 5)
        .full("nightly/items", arn(), time, ExportWriter.Format.ION, items, 4);
  }

  private Map<String, String> conf() {
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work);
    raw.put("sync_mode", "all");
    raw.put("full.source", "export");
    raw.put("full.export.s3_uri", "s3://exports/nightly");
    raw.put("full.export.s3_endpoint", s3.endpoint());
    raw.put("incr.shard_discovery_interval", "500ms");
    return raw;
  }

  private boolean streamEnabled() {
    var spec =
        source.client().describeTable(b -> b.tableName("items")).table().streamSpecification();
    return spec != null && Boolean.TRUE.equals(spec.streamEnabled());
  }

  /**
   * Runs the job with the writer going (started once the stream is on, if not before) until the
   * streams are followed, then converges.
   */
  private void runUnderTraffic(SyncJob job, LiveWriter writer) throws Exception {
    CompletableFuture<SyncReport> run = Jobs.runAsync(job);
    Await.until("the stream enabled", Duration.ofSeconds(60), this::streamEnabled);
    if (!writer.running()) {
      writer.start();
    }
    writer.awaitMore(30); // during the load
    Await.until(
        "the incremental phase", Duration.ofSeconds(90), () -> !job.streamProgress().isEmpty());
    writer.awaitMore(30); // after it
    writer.stop();
    TableContents.assertConverges(source.client(), target.client(), "items");
    job.stop();
    SyncReport report = run.get(60, TimeUnit.SECONDS);
    assertThat(report.outcome())
        .as(report.message())
        .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
  }

  @Test
  void changesBeforeAndAfterTheExportTimeWinOverItsImagesAndTheTargetEndsEqual() throws Exception {
    TestTables.enableStream(source.client(), "items");
    LiveWriter writer = new LiveWriter(source.newClient(), "items", ITEMS, 40).start();
    writer.awaitMore(40); // before the export's time: in the stream and in the export
    exportAt(AHEAD.instant());
    writer.awaitMore(40); // after it: only in the stream, deletes among them

    try (SyncJob job = SyncJob.builder(TestConfigs.validated(conf())).clock(AHEAD).build()) {
      runUnderTraffic(job, writer);
    }
  }

  @Test
  void anExportOlderThanTheStreamIsBridgedByIncrementalExportsBeforeTheStream() throws Exception {
    exportAt(Instant.now().minus(Duration.ofHours(1)));
    // changes while the table has no stream: only incremental exports hold them
    Set<String> changed = new LinkedHashSet<>();
    Random rnd = new Random(5);
    for (int i = 0; i < 40; i++) {
      String id = "item-" + rnd.nextInt(ITEMS);
      changed.add(id);
      if (i % 3 == 0) {
        source.client().deleteItem(b -> b.tableName("items").key(Map.of("id", TestItems.s(id))));
      } else {
        TestTables.put(
            source.client(), "items", List.of(TestItems.ordinary("id", TestItems.s(id), rnd)));
      }
    }
    FakeExportApi api =
        new FakeExportApi(source.newClient(), s3.client(), AHEAD)
            .changes(
                (from, until) -> {
                  Map<String, Map<String, AttributeValue>> now = new HashMap<>();
                  TableContents.read(source.client(), "items")
                      .values()
                      .forEach(item -> now.put(item.get("id").s(), item));
                  List<ExportWriter.Change> out = new ArrayList<>();
                  for (String id : changed) {
                    out.add(
                        new ExportWriter.Change(Map.of("id", TestItems.s(id)), null, now.get(id)));
                  }
                  return out;
                });
    LiveWriter writer = new LiveWriter(source.newClient(), "items", ITEMS, 40);

    try (SyncJob job =
        SyncJob.builder(TestConfigs.validated(conf())).clock(AHEAD).exports(api).build()) {
      // the job enables the stream; the writer starts then: its changes are the stream's
      runUnderTraffic(job, writer);
    }
    assertThat(api.requests).hasSize(1);
    assertThat(api.requests.get(0)).startsWith("incremental ");
  }

  @Test
  void aGapThatCannotBeBridgedStopsTheTableNamingItInsteadOfLosingChanges() throws Exception {
    exportAt(Instant.now().minus(Duration.ofHours(1)));
    FakeExportApi api =
        new FakeExportApi(source.newClient(), s3.client(), AHEAD).pointInTimeRecovery(false);
    SyncReport report;
    try (SyncJob job =
        SyncJob.builder(TestConfigs.validated(conf())).clock(AHEAD).exports(api).build()) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.tables().get(0).error())
        .contains(
            "the gap cannot be bridged", "point-in-time recovery", "holds changes only since");
    assertThat(api.requests).isEmpty();
    assertThat(target.client().listTables().tableNames())
        .as("refused before the table was prepared")
        .isEmpty();
  }
}
