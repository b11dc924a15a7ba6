package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.check.CheckJob;
import io.nimo.core.check.TableCheck;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.checkpoint.file.FileCheckpointStore;
import io.nimo.core.config.ConfigException;
import io.nimo.core.metrics.FullSyncStatus;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.MongoLocal;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.S3Local;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import io.nimo.core.testkit.export.ExportWriter;
import io.nimo.core.testkit.export.ExportWriter.Format;
import io.nimo.core.testkit.export.FakeExportApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * nimo-shake's bulk copy from an export ({@code full.source = export}) between real servers: an
 * S3-compatible server holding exports laid out as AWS writes them, DynamoDB Local as the source,
 * and each target. The export is made to differ from the source (an item put after it), so a green
 * run proves the copy read the export, not a Scan.
 */
class ExportSyncIT {
  private static DynamoLocal source;
  private static DynamoLocal target;
  private static MongoLocal mongo;
  private static PostgresLocal postgres;
  private static S3Local s3;
  private static final AtomicInteger NAMES = new AtomicInteger();
  @TempDir Path work;

  @BeforeAll
  static void servers() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    mongo = MongoLocal.start();
    postgres = PostgresLocal.start();
    s3 = S3Local.start();
    s3.bucket("exports");
  }

  @AfterAll
  static void stopServers() {
    source.close();
    target.close();
    mongo.close();
    postgres.close();
    s3.close();
  }

  /** A source table of every edge case and {@code ordinary} plain items. */
  static String table(int ordinary) {
    String t = "orders_" + NAMES.incrementAndGet();
    TestTables.createHashOnly(source.client(), t, "id", ScalarAttributeType.S);
    List<AttributeValue> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(TestItems.s("edge-" + i));
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>(TestItems.edgeCases("id", keys));
    Random rnd = new Random(7);
    for (int i = 0; i < ordinary; i++) {
      items.add(TestItems.ordinary("id", TestItems.s("item-" + i), rnd));
    }
    TestTables.put(source.client(), t, items);
    return t;
  }

  static String arn(String table) {
    return source.client().describeTable(b -> b.tableName(table)).table().tableArn();
  }

  /**
   * A full export of the table as it is now, under {@code exports/<prefix>/<table>}, or with no
   * prefix when it is empty.
   */
  static ExportWriter.Written export(String prefix, String table, Format format, int files) {
    var items = new ArrayList<>(TableContents.read(source.client(), table).values());
    return new ExportWriter(s3.client(), "exports", NAMES.incrementAndGet())
        .full(
            prefix.isEmpty() ? "" : prefix + "/" + table,
            arn(table),
            Instant.now(),
            format,
            items,
            files);
  }

  Map<String, String> conf(String table, String targetType, String uri) {
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work);
    raw.put("id", "export-" + table);
    raw.put("filter.collection.white", table);
    raw.put("full.source", "export");
    raw.put("full.export.s3_uri", uri);
    raw.put("full.export.s3_endpoint", s3.endpoint());
    switch (targetType) {
      case "mongodb" -> raw.put("target.address", mongo.uri());
      case "postgresql" -> raw.put("target.address", postgres.jdbcUrl());
      default -> {}
    }
    if (!targetType.equals("dynamodb")) {
      raw.put("target.type", targetType);
      raw.put("target.access_key_id", "");
      raw.put("target.secret_access_key", "");
    }
    return raw;
  }

  static void putAfterTheExport(String table) {
    TestTables.put(
        source.client(),
        table,
        List.of(Map.of("id", TestItems.s("after-export"), "n", AttributeValue.fromN("1"))));
  }

  private TableCheck check(Map<String, String> raw) throws Exception {
    try (CheckJob check =
        CheckJob.builder(TestConfigs.shake(raw)).diffDirectory(work.resolve("diff")).build()) {
      return check.run().tables().get(0);
    }
  }

  @ParameterizedTest(name = "{0} into {1}")
  @CsvSource({
    "DYNAMODB_JSON, dynamodb",
    "ION, dynamodb",
    "DYNAMODB_JSON, mongodb",
    "ION, mongodb",
    "DYNAMODB_JSON, postgresql",
    "ION, postgresql"
  })
  void copiesEveryTypeExactlyFromAnExportInEachFormatIntoEachTarget(
      Format format, String targetType) throws Exception {
    String table = table(300);
    export("nightly", table, format, 4);
    putAfterTheExport(table);
    Map<String, String> raw = conf(table, targetType, "s3://exports/nightly");

    SyncReport report;
    try (SyncJob job = SyncJob.builder(TestConfigs.validated(raw)).build()) {
      report = job.run();
    }

    assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
    assertThat(report.tables().get(0).progress().written()).isEqualTo(305);
    TableCheck diff = check(raw);
    assertThat(diff.error()).isNull();
    assertThat(diff.different()).as("every item exactly as the source holds it").isZero();
    assertThat(diff.extra()).isZero();
    assertThat(diff.missing()).as("only the item put after the export").isEqualTo(1);
  }

  @Test
  void aStoppedExportLoadResumesWithoutReadingItsFinishedFilesAgain() throws Exception {
    String table = table(2400);
    export("nightly", table, Format.DYNAMODB_JSON, 6);
    Map<String, String> raw = conf(table, "dynamodb", "s3://exports/nightly");
    raw.put("qps.full.batch_num", "100");
    raw.put("full.read.concurrency", "2");
    AtomicLong seen = new AtomicLong();
    // past the first two files (about 800 items), items wait for the stop: the load is still
    // running when the test stops it, however fast the machine
    AtomicBoolean stopping = new AtomicBoolean();
    SyncJob first =
        SyncJob.builder(TestConfigs.validated(raw))
            .transformer(
                (t, item) -> {
                  if (seen.incrementAndGet() > 1000) {
                    while (!stopping.get()) {
                      LockSupport.parkNanos(1_000_000);
                    }
                  }
                  return Optional.of(item);
                })
            .build();
    try (first) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(first);
      Await.until(
          "a file finished",
          Duration.ofSeconds(60),
          () -> doneSegments(raw, table).map(n -> n > 0).orElse(false));
      stopping.set(true);
      first.stop();
      assertThat(run.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
    }
    int doneBefore = doneSegments(raw, table).orElseThrow();
    assertThat(doneBefore).isBetween(1, 5);
    // the status page says which files are done, as the checkpoint does
    TableProgress.Segments shown = first.progress().snapshot().get(0).segments();
    assertThat(shown.done()).isEqualTo(doneBefore);
    assertThat(shown.total()).isEqualTo(6);
    assertThat(new FullSyncStatus(first.progress()).progressJson())
        .contains("\"segments_done\":" + doneBefore)
        .contains("\"segments_total\":6");
    long firstRun = seen.get();

    SyncReport second;
    try (SyncJob job =
        SyncJob.builder(TestConfigs.validated(raw))
            .transformer(
                (t, item) -> {
                  seen.incrementAndGet();
                  return Optional.of(item);
                })
            .build()) {
      second = job.run();
    }
    assertThat(second.outcome()).as(second.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
    assertThat(second.tables().get(0).progress().resumedFrom()).isPositive();
    assertThat(seen.get() - firstRun)
        .as("items read again: the finished files are skipped")
        .isLessThanOrEqualTo(2405 - doneBefore * 400L);
    TableCheck diff = check(raw);
    assertThat(diff.missing() + diff.different() + diff.extra()).isZero();
  }

  private Optional<Integer> doneSegments(Map<String, String> raw, String table) {
    try (FileCheckpointStore store =
        new FileCheckpointStore(work.resolve(raw.get("id") + "-checkpoint"))) {
      return store
          .load(raw.get("id"))
          .table(table)
          .filter(TableCheckpoint::prepared)
          .map(c -> (int) c.segments().values().stream().filter(s -> s.done()).count());
    }
  }

  @Test
  void requestsAnExportWhenThePrefixHoldsNoneAndCopiesIt() throws Exception {
    String table = table(50);
    Map<String, String> raw = conf(table, "postgresql", "s3://exports/requested");
    FakeExportApi api =
        new FakeExportApi(source.newClient(), s3.client(), Clock.systemUTC()).inProgressFor(2);
    List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicReference<SyncJob> running = new AtomicReference<>();
    SyncReport report;
    try (SyncJob job =
        SyncJob.builder(TestConfigs.validated(raw))
            .exports(api)
            // the waits between DescribeExport calls: what the status page shows meanwhile
            .sleeper(d -> running.get().progress().snapshot().forEach(t -> shown.add(t.activity())))
            .build()) {
      running.set(job);
      report = job.run();
    }
    assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
    assertThat(api.requests).containsExactly("full " + arn(table));
    assertThat(shown).anyMatch(a -> a.contains("in progress for"));
    assertThat(report.tables().get(0).progress().notes())
        .anyMatch(n -> n.startsWith("read from export s3://exports/requested/" + table));
    assertThat(check(raw).missing()).isZero();
  }

  @Test
  void refusesToRequestAnExportOfATableWithPointInTimeRecoveryOff() throws Exception {
    String table = table(5);
    Map<String, String> raw = conf(table, "dynamodb", "s3://exports/requested");
    FakeExportApi api =
        new FakeExportApi(source.newClient(), s3.client(), Clock.systemUTC())
            .pointInTimeRecovery(false);
    SyncReport report;
    try (SyncJob job = SyncJob.builder(TestConfigs.validated(raw)).exports(api).build()) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.tables().get(0).error())
        .contains("point-in-time recovery", "PointInTimeRecoveryEnabled", table);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void refusesAnExportOfAnotherTableNamingIt() throws Exception {
    String table = table(5);
    String other = table(5);
    var written = export("", other, Format.DYNAMODB_JSON, 1);
    Map<String, String> raw = conf(table, "dynamodb", written.uri("exports"));
    SyncReport report;
    try (SyncJob job = SyncJob.builder(TestConfigs.validated(raw)).build()) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.tables().get(0).error()).contains(written.summaryKey(), arn(other));
  }

  @Test
  void refusesADamagedDataFileNamingItAndNeverCallsTheTableDone() throws Exception {
    String table = table(200);
    var written = export("damaged", table, Format.ION, 3);
    byte[] other =
        s3.client()
            .getObjectAsBytes(b -> b.bucket("exports").key(written.dataKeys().get(0)))
            .asByteArray();
    new ExportWriter(s3.client(), "exports", 1).put(written.dataKeys().get(1), other);
    Map<String, String> raw = conf(table, "dynamodb", "s3://exports/damaged");
    SyncReport report;
    try (SyncJob job = SyncJob.builder(TestConfigs.validated(raw)).build()) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.tables().get(0).error()).contains(written.dataKeys().get(1));
    try (FileCheckpointStore store =
        new FileCheckpointStore(work.resolve(raw.get("id") + "-checkpoint"))) {
      assertThat(store.load(raw.get("id")).table(table).map(TableCheckpoint::done)).contains(false);
    }
  }

  @Test
  void refusesOneExportForSeveralTablesNamingTheKey() {
    String a = table(1);
    String b = table(1);
    var written = export("", a, Format.DYNAMODB_JSON, 1);
    Map<String, String> raw = conf(a, "dynamodb", written.uri("exports"));
    raw.put("filter.collection.white", a + ";" + b);
    assertThatThrownBy(
            () -> {
              try (SyncJob job = SyncJob.builder(TestConfigs.validated(raw)).build()) {
                job.run();
              }
            })
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("full.export.s3_uri")
        .hasMessageContaining("2 tables");
  }
}
