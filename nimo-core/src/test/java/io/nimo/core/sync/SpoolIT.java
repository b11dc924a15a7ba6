package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.file.FileCheckpointStore;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Spooling the streams to disk while a (deliberately slow) full sync runs, between two real
 * DynamoDB Local servers with a live writer: replay, resume after a stop, automatic start, and a
 * lost spool reported instead of skipped.
 */
class SpoolIT {
  private static final int ITEMS = 1500;
  private DynamoLocal source;
  private DynamoLocal target;
  @TempDir Path checkpoints;

  @BeforeEach
  void servers() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "items", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "items", "id", ITEMS, 3);
  }

  @AfterEach
  void stopServers() {
    source.close();
    target.close();
  }

  /** sync_mode = all with a full sync of about 8 s (qps.full 4 x 50 items). */
  private Map<String, String> slowFullSync() {
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), checkpoints);
    raw.put("sync_mode", "all");
    raw.put("qps.full", "4");
    raw.put("qps.full.batch_num", "50");
    raw.put("full.read.concurrency", "2");
    raw.put("incr.shard_discovery_interval", "500ms");
    raw.put("progress.log_interval", "1s");
    return raw;
  }

  private long spooledBytes() {
    Path dir = checkpoints.resolve("spool");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".spool"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private boolean fullSyncRunning(SyncJob job) {
    return job.streamProgress().isEmpty();
  }

  /** Waits until changes are spooled; fails if the full sync ended first. */
  private void awaitSpooledDuringFullSync(SyncJob job) throws Exception {
    Await.until(
        "changes spooled during the full sync",
        Duration.ofSeconds(60),
        () -> {
          assertThat(fullSyncRunning(job))
              .as("full sync ended before anything was spooled")
              .isTrue();
          return spooledBytes() > 0;
        });
  }

  private void awaitConverged() throws Exception {
    TableContents.assertConverges(source.client(), target.client(), "items");
  }

  private void followThenStop(SyncJob job, CompletableFuture<SyncReport> run, LiveWriter writer)
      throws Exception {
    Await.until("the full sync to end", Duration.ofSeconds(60), () -> !fullSyncRunning(job));
    if (writer.running()) {
      writer.awaitMore(60); // changes after the full sync, while the spool is replayed and after
    }
    writer.stop();
    awaitConverged();
    job.stop();
    SyncReport report = run.get(60, TimeUnit.SECONDS);
    assertThat(report.outcome())
        .as(report.message())
        .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
  }

  @Test
  void spoolsChangesDuringTheFullSyncAndReplaysThemBeforeGoingLive() throws Exception {
    Map<String, String> raw = slowFullSync();
    raw.put("incr_sync_parallel", "true");
    LiveWriter writer = new LiveWriter(source.newClient(), "items", ITEMS, 40);
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      writer.start();
      awaitSpooledDuringFullSync(job);
      writer.awaitMore(40);
      // every change was made during the full sync: the ones its scan missed exist only in the
      // spool
      writer.stop();
      assertThat(fullSyncRunning(job)).isTrue();
      followThenStop(job, run, writer);
      assertThat(job.streamProgress().get("items").snapshot(0).applied()).isPositive();
    }
    assertThat(spooledBytes()).as("replayed spools are deleted").isZero();
  }

  /**
   * Runs a spooling job with a live writer and stops it during the full sync, once changes are
   * spooled.
   */
  private LiveWriter stopWhileSpooling(Map<String, String> raw) throws Exception {
    raw.put("incr_sync_parallel", "true");
    LiveWriter writer = new LiveWriter(source.newClient(), "items", ITEMS, 40);
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      writer.start();
      awaitSpooledDuringFullSync(job);
      job.stop();
      assertThat(run.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
    }
    return writer;
  }

  @Test
  void resumesSpoolingAfterAStopDuringTheFullSyncAndLosesNothing() throws Exception {
    Map<String, String> raw = slowFullSync();
    LiveWriter writer = stopWhileSpooling(raw);
    var saved = new FileCheckpointStore(checkpoints.resolve("it-job-checkpoint")).load("it-job");
    assertThat(saved.stream("items").orElseThrow().shards().values())
        .anyMatch(s -> s.status() == ShardCheckpoint.Status.SPOOLING);
    writer.awaitMore(30); // changes while nimo is down
    // the spool in the checkpoint resumes even though this run does not ask for spooling
    raw.put("incr_sync_parallel", "false");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      followThenStop(job, Jobs.runAsync(job), writer);
    }
    assertThat(spooledBytes()).isZero();
  }

  @Test
  void startsSpoolingByItselfWhenTheFullSyncRunsPastIncrSpoolAfter() throws Exception {
    Map<String, String> raw = slowFullSync();
    raw.put("incr.spool_after", "1s");
    LiveWriter writer = new LiveWriter(source.newClient(), "items", ITEMS, 40);
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      writer.start();
      awaitSpooledDuringFullSync(job);
      followThenStop(job, run, writer);
    }
  }

  @Test
  void aLostSpoolStopsTheTableInsteadOfSkippingItsChanges() throws Exception {
    Map<String, String> raw = slowFullSync();
    LiveWriter writer = stopWhileSpooling(raw);
    writer.stop();
    try (Stream<Path> files = Files.walk(checkpoints.resolve("spool"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.delete(f);
      }
    }
    SyncReport report;
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.message()).contains("items").contains("spool").contains("missing");
  }
}
