package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.Configuration;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.dynamo.DynamoTargetSession;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.FaultyDynamoApi;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Failure paths of the full sync, with faults injected at our own DynamoApi seam over real servers.
 */
class FullSyncFailuresIT {
  private static final int ITEMS = 2_000;
  private static DynamoLocal source;
  private DynamoLocal target;
  @TempDir Path checkpoints;

  @BeforeAll
  static void seed() {
    source = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "items", "id", ScalarAttributeType.S);
    Random rnd = new Random(1);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      items.add(TestItems.ordinary("id", TestItems.s("item-" + i), rnd));
    }
    TestTables.put(source.client(), "items", items);
  }

  @AfterAll
  static void stopSource() {
    source.close();
  }

  @BeforeEach
  void freshTarget() {
    target = DynamoLocal.start();
  }

  @AfterEach
  void stopTarget() {
    target.close();
  }

  private Map<String, String> raw() {
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), checkpoints);
    raw.put("full.read.concurrency", "4");
    raw.put("qps.full.batch_num", "100");
    return raw;
  }

  private SyncJob job(
      Map<String, String> raw, FaultyDynamoApi sourceApi, FaultyDynamoApi targetApi) {
    Configuration conf = TestConfigs.shake(raw);
    Retrier retrier = TestRetriers.dynamo(Duration.ofSeconds(60));
    return SyncJob.builder(conf)
        .source(sourceApi)
        .target(new DynamoTargetSession(targetApi, retrier, Duration.ofSeconds(30), true))
        .build();
  }

  @Test
  void retriesThrottlingAndUnprocessedItemsWithoutLosingAnItem() throws Exception {
    FaultyDynamoApi src = new FaultyDynamoApi(source.api()).throttleScans(6);
    FaultyDynamoApi dst = new FaultyDynamoApi(target.api()).throttleBatches(5).partialBatches(30);
    SyncReport report;
    try (SyncJob job = job(raw(), src, dst)) {
      report = job.run();
    }
    assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
    assertThat(src.injected.get()).isEqualTo(6);
    assertThat(dst.injected.get()).isEqualTo(35);
    assertThat(TableContents.diff(source.client(), target.client(), "items")).isEmpty();
    assertThat(report.tables().get(0).progress().retried()).isGreaterThan(0);
    assertThat(report.tables().get(0).progress().written()).isEqualTo(ITEMS);
  }

  @Test
  void splitsAnAtomicallyRejectedBatchIntoSingleWrites() throws Exception {
    FaultyDynamoApi dst =
        new FaultyDynamoApi(target.api())
            .rejectBatchesContaining(i -> i.get("id").s().equals("item-777"));
    SyncReport report;
    try (SyncJob job = job(raw(), new FaultyDynamoApi(source.api()), dst)) {
      report = job.run();
    }
    assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
    assertThat(dst.putItemCalls.get()).isBetween(2, 25);
    assertThat(TableContents.diff(source.client(), target.client(), "items")).isEmpty();
  }

  @Test
  void stopsNamingTheKeyOfAnItemTheTargetRefuses() throws Exception {
    FaultyDynamoApi dst =
        new FaultyDynamoApi(target.api()).reject(i -> i.get("id").s().equals("item-1234"));
    SyncReport report;
    try (SyncJob job = job(raw(), new FaultyDynamoApi(source.api()), dst)) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.tables().get(0).error()).contains("id=S:item-1234").contains("items");
    assertThat(report.tables().get(0).progress().failed()).isGreaterThan(0);
  }

  @Test
  void waitsOutATargetThatRefusesConnectionsForTenSeconds() throws Exception {
    FaultyDynamoApi dst = new FaultyDynamoApi(target.api());
    try (SyncJob job = job(raw(), new FaultyDynamoApi(source.api()), dst)) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitWritten(job, 1);
      long started = System.nanoTime();
      dst.refuseConnectionsFor(10_000);
      SyncReport report = run.get();
      assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofSeconds(9));
    }
    assertThat(dst.injected.get()).isGreaterThan(0);
    assertThat(TableContents.diff(source.client(), target.client(), "items")).isEmpty();
  }

  @Test
  void aStopDuringATargetOutageEndsPromptlyAsStoppedAndResumesLater() throws Exception {
    FaultyDynamoApi dst = new FaultyDynamoApi(target.api());
    SyncReport first;
    try (SyncJob job = job(raw(), new FaultyDynamoApi(source.api()), dst)) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitWritten(job, 1);
      int refusedBefore = dst.injected.get();
      dst.refuseConnectionsFor(120_000);
      Await.until(
          "a write refused by the outage",
          Duration.ofSeconds(30),
          () -> dst.injected.get() > refusedBefore);
      long stopAt = System.nanoTime();
      job.stop();
      first = run.get(60, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - stopAt);
      System.out.println("stop during a target outage took " + took.toMillis() + " ms");
      assertThat(took).isLessThan(Duration.ofSeconds(15));
    }
    assertThat(first.outcome()).as(first.message()).isEqualTo(SyncReport.Outcome.STOPPED);
    assertThat(first.tables().get(0).error()).isNull();
    assertThat(first.tables().get(0).progress().failed()).isZero();
    dst.refuseConnectionsFor(0);
    try (SyncJob job =
        job(raw(), new FaultyDynamoApi(source.api()), new FaultyDynamoApi(target.api()))) {
      assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
    assertThat(TableContents.diff(source.client(), target.client(), "items")).isEmpty();
  }

  @Test
  void refusesToOverwriteAnExistingTargetTableUnlessDropIsConfigured() throws Exception {
    TestTables.createHashOnly(target.client(), "items", "id", ScalarAttributeType.S);
    TestTables.put(target.client(), "items", List.of(Map.of("id", TestItems.s("stale"))));
    try (SyncJob job =
        job(raw(), new FaultyDynamoApi(source.api()), new FaultyDynamoApi(target.api()))) {
      SyncReport report = job.run();
      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
      assertThat(report.tables().get(0).error())
          .contains("items already exists")
          .contains("target.db.exist = drop");
    }
    Map<String, String> drop = raw();
    drop.put("target.db.exist", "drop");
    drop.put("checkpoint.db", "second");
    try (SyncJob job =
        job(drop, new FaultyDynamoApi(source.api()), new FaultyDynamoApi(target.api()))) {
      assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
    assertThat(TableContents.diff(source.client(), target.client(), "items")).isEmpty();
  }

  @Test
  void recreatesAnEmptyTableItsKilledRunCreatedButNeverAForeignOne() throws Exception {
    // a foreign, empty table: refused, and still refused on the next run with the same checkpoint
    TestTables.createHashOnly(target.client(), "items", "id", ScalarAttributeType.S);
    for (int run = 0; run < 2; run++) {
      try (SyncJob job =
          job(raw(), new FaultyDynamoApi(source.api()), new FaultyDynamoApi(target.api()))) {
        assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.FAILED);
      }
    }
    // a run killed between CreateTable and its checkpoint left the intent and an empty table behind
    var store =
        new io.nimo.core.checkpoint.file.FileCheckpointStore(
            checkpoints.resolve("other-checkpoint"));
    store.load("other");
    store.save(
        new io.nimo.core.checkpoint.JobState.Delta.PhaseChanged(
            io.nimo.core.checkpoint.JobState.Phase.FULL_SYNC));
    store.save(new io.nimo.core.checkpoint.JobState.Delta.TableReset("items"));
    Map<String, String> raw = raw();
    raw.put("id", "other");
    try (SyncJob job =
        job(raw, new FaultyDynamoApi(source.api()), new FaultyDynamoApi(target.api()))) {
      SyncReport report = job.run();
      assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
    assertThat(TableContents.diff(source.client(), target.client(), "items")).isEmpty();
  }

  @Test
  void resumesFromSegmentCheckpointsAfterStopWithoutDroppingTheTarget() throws Exception {
    Map<String, String> raw = raw();
    raw.put("qps.full", "20");
    raw.put("target.db.exist", "drop");
    SyncReport first;
    try (SyncJob job =
        job(raw, new FaultyDynamoApi(source.api()), new FaultyDynamoApi(target.api()))) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitWritten(job, 500);
      job.stop();
      first = run.get();
    }
    assertThat(first.outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
    long firstWritten = first.tables().get(0).progress().written();
    assertThat(firstWritten).isLessThan(ITEMS);
    // a marker only on the target proves the resume does not drop and recreate the table
    target.client().putItem(b -> b.tableName("items").item(Map.of("id", TestItems.s("marker"))));
    raw.put("qps.full", "1000");
    SyncReport second;
    try (SyncJob job =
        job(raw, new FaultyDynamoApi(source.api()), new FaultyDynamoApi(target.api()))) {
      second = job.run();
    }
    assertThat(second.outcome()).as(second.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
    assertThat(second.tables().get(0).progress().resumedFrom()).isGreaterThan(0);
    assertThat(second.tables().get(0).progress().read()).isLessThan(ITEMS);
    assertThat(TableContents.diff(source.client(), target.client(), "items"))
        .containsExactly("extra on target: id=S:marker");
  }

  @Test
  void aStopDuringStartUpRetriesOfAnUnreachableCheckpointStoreEndsTheRunWithinSeconds()
      throws Exception {
    Map<String, String> raw = raw();
    raw.put("checkpoint.type", "mongodb");
    raw.put("retry.budget", "5m"); // the store's reads would be retried for minutes
    try (io.nimo.core.testkit.SilentServer hanging = io.nimo.core.testkit.SilentServer.start()) {
      raw.put(
          "checkpoint.address",
          "mongodb://127.0.0.1:" + hanging.port() + "/?directConnection=true");
      stopDuringStartUp(raw, hanging);
    }
    assertThat(target.client().listTables().tableNames())
        .as("nothing copied")
        .doesNotContain("items");
  }

  private void stopDuringStartUp(Map<String, String> raw, io.nimo.core.testkit.SilentServer hanging)
      throws Exception {
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      java.util.concurrent.CompletableFuture<io.nimo.core.sync.hooks.SyncReport> running =
          io.nimo.core.testkit.Jobs.runAsync(job);
      Await.until(
          "the checkpoint read to reach the store, which never answers",
          Duration.ofSeconds(30),
          () -> hanging.accepted.get() > 0);
      long stopped = System.nanoTime();
      job.stop();
      io.nimo.core.sync.hooks.SyncReport report =
          running.get(15, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(report.outcome()).isEqualTo(io.nimo.core.sync.hooks.SyncReport.Outcome.STOPPED);
      assertThat(report.message()).contains("stopped during start-up");
      assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(15));
    }
  }

  private static void awaitWritten(SyncJob job, long items) throws InterruptedException {
    Await.until(
        items + " item(s) written",
        Duration.ofSeconds(60),
        () ->
            !job.progress().snapshot().isEmpty()
                && job.progress().snapshot().get(0).written() >= items);
  }
}
