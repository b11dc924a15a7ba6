package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.Configuration;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Full + incremental and incremental-only sync between two real DynamoDB Local servers (Streams
 * included).
 */
class IncrementalSyncIT {
  private static final int ITEMS = 1500;
  private DynamoLocal source;
  private DynamoLocal target;
  @TempDir Path checkpoints;

  @BeforeEach
  void servers() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "items", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "items", "id", ITEMS, 2);
  }

  @AfterEach
  void stopServers() {
    source.close();
    target.close();
  }

  private Map<String, String> raw(String mode) {
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), checkpoints);
    raw.put("sync_mode", mode);
    raw.put("incr.shard_discovery_interval", "500ms");
    return raw;
  }

  /** Waits until the target equals the source, or fails with the remaining differences. */
  private void awaitConverged(String table) throws Exception {
    TableContents.assertConverges(source.client(), target.client(), table);
  }

  @Test
  void allModeReplaysEveryChangeMadeDuringAndAfterTheFullSync() throws Exception {
    Map<String, String> raw = raw("all");
    raw.put("qps.full", "5");
    raw.put("qps.full.batch_num", "50");
    raw.put("full.read.concurrency", "2");
    LiveWriter writer = new LiveWriter(source.newClient(), "items", ITEMS, 40);
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "the full sync to register its tables",
          Duration.ofSeconds(60),
          () -> !job.progress().snapshot().isEmpty());
      writer.start();
      Await.until(
          "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
      writer.awaitMore(100); // changes while the streams are followed
      writer.stop();
      awaitConverged("items");
      job.stop();
      SyncReport report = run.get(60, TimeUnit.SECONDS);
      assertThat(report.outcome())
          .as(report.message())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
      assertThat(report.streams())
          .singleElement()
          .satisfies(s -> assertThat(s.applied()).isPositive());
    }
    assertThat(
            source
                .client()
                .describeTable(b -> b.tableName("items"))
                .table()
                .streamSpecification()
                .streamViewType())
        .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
  }

  @Test
  void incrementalOnlyResumesEachShardAfterItsLastAppliedChange() throws Exception {
    source
        .client()
        .updateTable(
            b ->
                b.tableName("items")
                    .streamSpecification(
                        s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    for (int i = 0; i < 300; i++) {
      int n = i;
      source
          .client()
          .updateItem(
              b ->
                  b.tableName("items")
                      .key(Map.of("id", TestItems.s("item-" + n)))
                      .updateExpression("SET v = :v")
                      .expressionAttributeValues(Map.of(":v", TestItems.n(String.valueOf(n)))));
    }
    Map<String, String> raw = raw("incr");
    raw.put("checkpoint.type", "dynamodb");
    Configuration conf = TestConfigs.shake(raw);
    try (SyncJob job = SyncJob.builder(conf).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitTargetCount(300);
      job.stop();
      assertThat(run.get(60, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    // changes while nimo is down, then a restart from the checkpoint
    for (int i = 0; i < 50; i++) {
      int n = i;
      source
          .client()
          .deleteItem(b -> b.tableName("items").key(Map.of("id", TestItems.s("item-" + n))));
    }
    source
        .client()
        .putItem(
            b ->
                b.tableName("items")
                    .item(Map.of("id", TestItems.s("item-299"), "v", TestItems.s("last"))));
    try (SyncJob job = SyncJob.builder(conf).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitTargetCount(250);
      Await.until(
          "the stream's last change (item-299) on the target",
          Duration.ofSeconds(30),
          () ->
              TestItems.s("last")
                  .equals(
                      target
                          .client()
                          .getItem(
                              b -> b.tableName("items").key(Map.of("id", TestItems.s("item-299"))))
                          .item()
                          .get("v")));
      job.stop();
      SyncReport second = run.get(60, TimeUnit.SECONDS);
      assertThat(second.streams())
          .singleElement()
          .satisfies(s -> assertThat(s.read()).isEqualTo(51));
    }
    assertThat(
            target
                .client()
                .getItem(b -> b.tableName("items").key(Map.of("id", TestItems.s("item-299"))))
                .item())
        .containsEntry("v", TestItems.s("last"));
    assertThat(
            target
                .client()
                .getItem(b -> b.tableName("items").key(Map.of("id", TestItems.s("item-0"))))
                .item())
        .isEmpty();
    assertThat(target.client().listTables().tableNames()).contains("it-job-checkpoint");
  }

  @Test
  void incrementalFromLatestAppliesOnlyLaterChanges() throws Exception {
    TestTables.enableStream(source.client(), "items");
    source.client().putItem(b -> b.tableName("items").item(Map.of("id", TestItems.s("before"))));
    Map<String, String> raw = raw("incr");
    raw.put("incr.start_position", "latest");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
      source.client().putItem(b -> b.tableName("items").item(Map.of("id", TestItems.s("after"))));
      // a sentinel after it: once it has arrived, everything read before it has been applied
      source
          .client()
          .putItem(b -> b.tableName("items").item(Map.of("id", TestItems.s("sentinel"))));
      Await.until(
          "the sentinel on the target",
          Duration.ofSeconds(30),
          () -> TableContents.read(target.client(), "items").containsKey("id=S:sentinel"));
      job.stop();
      run.get(60, TimeUnit.SECONDS);
    }
    assertThat(TableContents.read(target.client(), "items"))
        .as("the change made before the start is not applied")
        .containsOnlyKeys("id=S:after", "id=S:sentinel");
  }

  @Test
  void refusesAStreamWhoseViewTypeLacksNewImages() {
    source
        .client()
        .updateTable(
            b ->
                b.tableName("items")
                    .streamSpecification(
                        s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw("all"))).build()) {
      assertThatThrownBy(job::run)
          .hasMessageContaining("table items")
          .hasMessageContaining("KEYS_ONLY")
          .hasMessageContaining("NEW_AND_OLD_IMAGES");
    }
    assertThat(target.client().listTables().tableNames()).isEmpty();
  }

  @Test
  void appliesTtlExpiriesAndCountsThemApart() throws Exception {
    // a small table of its own: DynamoDB Local's TTL sweeper walks big tables slowly
    TestTables.createHashOnly(source.client(), "sessions", "id", ScalarAttributeType.S);
    TestTables.enableStream(source.client(), "sessions");
    source
        .client()
        .updateTimeToLive(
            b ->
                b.tableName("sessions")
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName("exp")));
    Map<String, String> raw = raw("incr");
    raw.put("filter.collection.white", "sessions");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
      long past = System.currentTimeMillis() / 1000 - 60;
      source
          .client()
          .putItem(
              b ->
                  b.tableName("sessions")
                      .item(
                          Map.of(
                              "id",
                              TestItems.s("expiring"),
                              "exp",
                              TestItems.n(String.valueOf(past)))));
      source
          .client()
          .putItem(b -> b.tableName("sessions").item(Map.of("id", TestItems.s("staying"))));
      Await.until(
          "the TTL expiry applied",
          Duration.ofSeconds(60),
          () -> {
            // DynamoDB Local runs its TTL deletion when the expired item is touched
            source
                .client()
                .getItem(b -> b.tableName("sessions").key(Map.of("id", TestItems.s("expiring"))));
            return job.streamProgress().get("sessions").snapshot(0).ttlDeletes() > 0;
          });
      job.stop();
      SyncReport report = run.get(60, TimeUnit.SECONDS);
      assertThat(report.streams())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.ttlDeletes()).isEqualTo(1);
                assertThat(s.applied()).isEqualTo(3);
              });
    }
    assertThat(TableContents.read(target.client(), "sessions")).containsOnlyKeys("id=S:staying");
  }

  @Test
  void aTableDeletedOnTheSourceStopsAloneWhileTheOthersGoOn() throws Exception {
    TestTables.createHashOnly(source.client(), "doomed", "id", ScalarAttributeType.S);
    java.util.Map<String, String> stopped = new java.util.concurrent.ConcurrentHashMap<>();
    io.nimo.core.sync.hooks.SyncListener watch =
        new io.nimo.core.sync.hooks.SyncListener() {
          @Override
          public void onIncrementalStopped(String table, String error) {
            stopped.put(table, String.valueOf(error));
          }
        };
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw("incr"))).listener(watch).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "both tables followed", Duration.ofSeconds(60), () -> !(job.streamProgress().size() < 2));
      source.client().deleteTable(b -> b.tableName("doomed"));
      Await.until(
          "the deleted table's sync to stop",
          Duration.ofSeconds(60),
          () -> stopped.containsKey("doomed"));
      source
          .client()
          .putItem(b -> b.tableName("items").item(Map.of("id", TestItems.s("still-flowing"))));
      Await.until(
          "the other table's change on the target",
          Duration.ofSeconds(30),
          () ->
              !target
                  .client()
                  .getItem(
                      b -> b.tableName("items").key(Map.of("id", TestItems.s("still-flowing"))))
                  .item()
                  .isEmpty());
      assertThat(run).isNotDone();
      job.stop();
      SyncReport report = run.get(60, TimeUnit.SECONDS);
      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
      assertThat(report.message())
          .contains("doomed")
          .contains("deleted on the source")
          .doesNotContain("items=");
    }
    assertThat(
            target
                .client()
                .getItem(b -> b.tableName("items").key(Map.of("id", TestItems.s("still-flowing"))))
                .item())
        .isNotEmpty();
  }

  private void awaitTargetCount(int expected) throws InterruptedException {
    Await.until(
        "the target to hold " + expected + " items",
        Duration.ofSeconds(60),
        () ->
            target.client().listTables().tableNames().contains("items")
                && target.client().scan(b -> b.tableName("items").select("COUNT")).count()
                    == expected);
  }
}
