package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Expired iterators, trimmed or lost positions, a re-enabled stream and a target outage, scripted
 * at nimo's own StreamsApi seam; the source table and the target are real DynamoDB Local servers.
 */
class StreamFailuresIT extends StreamFixture {
  @Test
  void reopensAnExpiredIteratorAfterTheLastAppliedRecord() throws Exception {
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("shard-0001", null);
    for (int i = 0; i < 6; i++) {
      streams.put("shard-0001", item("k" + i, "v" + i), "id");
    }
    try (SyncJob job = job(streams)) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitTarget("k5", "v5");
      streams.expireIterators(2);
      streams
          .put("shard-0001", item("k6", "v6"), "id")
          .put("shard-0001", item("k0", "again"), "id");
      awaitTarget("k0", "again");
      job.stop();
      assertThat(run.get(30, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    assertThat(streams.iteratorRequests).hasSizeGreaterThanOrEqualTo(2);
    assertThat(streams.iteratorRequests.get(streams.iteratorRequests.size() - 1))
        .doesNotEndWith("@null");
    assertThat(TableContents.read(target.client(), "items")).hasSize(7);
    // an expiry neither skips nor repeats a record
    assertThat(streams.reads).doesNotHaveDuplicates().hasSize(8);
  }

  @Test
  void stopsWithAClearErrorWhenThePositionWasTrimmed() throws Exception {
    ScriptedStreamsApi streams =
        new ScriptedStreamsApi().shard("shard-0001", null).trim("shard-0001");
    SyncReport report;
    try (SyncJob job = job(streams)) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.message())
        .contains("items")
        .contains("shard-0001")
        .contains("24 h retention")
        .contains("incr.on_trimmed = resync");
  }

  @Test
  void resyncCopiesATableAgainWhenItsPositionWasTrimmedAndThenFollowsTheNewPosition()
      throws Exception {
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("shard-0001", null);
    for (String id : List.of("x1", "x2", "x3")) {
      source.client().putItem(b -> b.tableName("items").item(item(id, "v1")));
    }
    try (SyncJob job = job(streams, "all", "resync")) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
      change(streams, item("x4", "v1"));
      awaitTarget("x4", "v1");
      job.stop();
      assertThat(run.get(30, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    // while nimo is down for over 24 h: changes whose stream records are then trimmed
    source.client().deleteItem(b -> b.tableName("items").key(Map.of("id", TestItems.s("x1"))));
    streams.remove("shard-0001", Map.of("id", TestItems.s("x1")));
    change(streams, item("x2", "v2"));
    change(streams, item("x5", "v1"));
    streams.trimBefore("shard-0001");
    try (SyncJob job = job(streams, "all", "resync")) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitTarget("x5", "v1");
      change(streams, item("x6", "after-resync"));
      awaitTarget("x6", "after-resync");
      job.stop();
      SyncReport report = run.get(30, TimeUnit.SECONDS);
      assertThat(report.outcome())
          .as(report.message())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    // x1 was deleted while its REMOVE was trimmed: only the fresh copy (a dropped target table)
    // removes it
    assertThat(TableContents.diff(source.client(), target.client(), "items")).isEmpty();
    assertThat(TableContents.read(target.client(), "items"))
        .doesNotContainKey("id=S:x1")
        .hasSize(5);
  }

  @Test
  void aResyncStoppedMidCopyResumesTheCopyOnTheNextRunInsteadOfSkippingIt() throws Exception {
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("shard-0001", null);
    for (int i = 0; i < 40; i++) {
      int n = i;
      source.client().putItem(b -> b.tableName("items").item(item("x" + n, "v1")));
    }
    try (SyncJob job = job(streams, "all", "resync")) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
      change(streams, item("x0", "v2"));
      awaitTarget("x0", "v2");
      job.stop();
      run.get(30, TimeUnit.SECONDS);
    }
    change(streams, item("gap", "trimmed-away"));
    streams.trimBefore("shard-0001");
    Map<String, String> slow =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), checkpoints);
    slow.put("sync_mode", "all");
    slow.put("incr.on_trimmed", "resync");
    slow.put("incr.start_probe", "200ms");
    slow.put("qps.full", "2");
    slow.put("qps.full.batch_num", "2");
    slow.put("full.read.concurrency", "1");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(slow)).streams(streams).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "the resync copy to start",
          Duration.ofSeconds(60),
          () ->
              job.progress().snapshot().stream()
                  .anyMatch(t -> t.written() > 0 && t.written() < 40));
      job.stop();
      run.get(30, TimeUnit.SECONDS);
    }
    var saved =
        new io.nimo.core.checkpoint.file.FileCheckpointStore(
                checkpoints.resolve("it-job-checkpoint"))
            .load("it-job")
            .table("items")
            .orElseThrow();
    assertThat(saved.prepared()).isTrue();
    assertThat(saved.done()).isFalse();
    try (SyncJob job = job(streams, "all", "resync")) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      change(streams, item("after", "resumed"));
      awaitTarget("after", "resumed");
      job.stop();
      assertThat(run.get(30, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    assertThat(TableContents.diff(source.client(), target.client(), "items")).isEmpty();
  }

  @Test
  void aShardWithoutAPositionIsNotTrustedAfterTheStreamWentUnfollowedForADay() throws Exception {
    String arn = source.client().describeTable(b -> b.tableName("items")).table().latestStreamArn();
    var store =
        new io.nimo.core.checkpoint.file.FileCheckpointStore(
            checkpoints.resolve("it-job-checkpoint"));
    store.load("it-job");
    store.save(
        new io.nimo.core.checkpoint.JobState.Delta.PhaseChanged(
            io.nimo.core.checkpoint.JobState.Phase.INCR_SYNC));
    store.save(
        new io.nimo.core.checkpoint.JobState.Delta.StreamPrepared(
            "items",
            arn,
            List.of(
                new io.nimo.core.checkpoint.ShardCheckpoint(
                    "shard-0001",
                    null,
                    null,
                    io.nimo.core.checkpoint.ShardCheckpoint.Status.PENDING))));
    store.save(
        new io.nimo.core.checkpoint.JobState.Delta.StreamConfirmed(
            "items", System.currentTimeMillis() - java.time.Duration.ofHours(25).toMillis()));
    // TRIM_HORIZON would silently start after whatever DynamoDB trimmed meanwhile
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("shard-0001", null);
    SyncReport report;
    try (SyncJob job = job(streams)) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.message())
        .contains("items")
        .contains("last followed 25 h ago")
        .contains("shard-0001")
        .contains("incr.on_trimmed = resync");
    assertThat(streams.reads).isEmpty();
  }

  @Test
  void stopsWhenTheStreamWasDisabledAndReEnabled() throws Exception {
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("shard-0001", null);
    try (SyncJob job = job(streams)) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
      job.stop();
      run.get(30, TimeUnit.SECONDS);
    }
    source
        .client()
        .updateTable(b -> b.tableName("items").streamSpecification(s -> s.streamEnabled(false)));
    TestTables.enableStream(source.client(), "items");
    SyncReport report;
    try (SyncJob job = job(streams)) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.message())
        .contains("stream of table items changed")
        .contains("disabled and re-enabled");
  }

  @Test
  void aStopDuringATargetOutageEndsTheIncrementalSyncWithinFifteenSecondsAndTheNextRunResumes()
      throws Exception {
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("s1", null);
    java.util.concurrent.atomic.AtomicReference<io.nimo.core.testkit.FaultyDynamoApi> dst =
        new java.util.concurrent.atomic.AtomicReference<>();
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), checkpoints);
    raw.put("sync_mode", "incr");
    raw.put("incr.shard_discovery_interval", "200ms");
    // each run gets its own endpoint: a job closes its target's client
    java.util.function.Supplier<SyncJob> job =
        () ->
            SyncJob.builder(TestConfigs.shake(raw))
                .streams(streams)
                .target(
                    new io.nimo.core.sink.dynamo.DynamoTargetSession(
                        dst.updateAndGet(
                            old -> new io.nimo.core.testkit.FaultyDynamoApi(target.api())),
                        io.nimo.core.testkit.TestRetriers.dynamo(java.time.Duration.ofMinutes(5)),
                        java.time.Duration.ofSeconds(30),
                        true))
                .build();
    try (SyncJob first = job.get()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(first);
      streams.put("s1", item("a", "1"), "id");
      awaitTarget("a", "1");
      int refusedBefore = dst.get().injected.get();
      dst.get().refuseConnectionsFor(120_000); // the target goes down; writes retried for 5 min
      streams.put("s1", item("b", "1"), "id");
      Await.until(
          "the change's write refused by the outage",
          Duration.ofSeconds(30),
          () -> dst.get().injected.get() > refusedBefore);
      long stopAt = System.nanoTime();
      first.stop();
      SyncReport report = run.get(60, TimeUnit.SECONDS);
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - stopAt))
          .isLessThan(java.time.Duration.ofSeconds(15));
      assertThat(report.outcome())
          .as(report.message())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    try (SyncJob second = job.get()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(second);
      awaitTarget("b", "1"); // the change written during the outage, from the checkpoint
      second.stop();
      assertThat(run.get(60, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
  }
}
