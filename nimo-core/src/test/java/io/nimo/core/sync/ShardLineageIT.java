package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TableContents;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Shard lineage: children wait for their parents, open shards start after the recorded position,
 * finished shards are forgotten; scripted at nimo's own StreamsApi seam.
 */
class ShardLineageIT extends StreamFixture {
  @Test
  void childShardsWaitUntilTheirParentIsFullyApplied() throws Exception {
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("shard-0001", null);
    for (int i = 0; i < 10; i++) {
      streams.put("shard-0001", item("k", "parent-" + i), "id");
    }
    // the split happened: two children, both touching the same key after the parent
    streams.close("shard-0001").shard("shard-0002", "shard-0001").shard("shard-0003", "shard-0001");
    streams
        .put("shard-0002", item("k", "child"), "id")
        .put("shard-0003", item("k2", "other-child"), "id");
    try (SyncJob job = job(streams)) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitTarget("k", "child");
      awaitTarget("k2", "other-child");
      // a grandchild appears later (a second split) and is picked up within seconds
      streams
          .close("shard-0002")
          .shard("shard-0004", "shard-0002")
          .put("shard-0004", item("k", "grandchild"), "id");
      awaitTarget("k", "grandchild");
      job.stop();
      assertThat(run.get(30, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    int lastParent = -1;
    int firstChild = Integer.MAX_VALUE;
    for (int i = 0; i < streams.reads.size(); i++) {
      if (streams.reads.get(i).startsWith("shard-0001")) {
        lastParent = i;
      } else {
        firstChild = Math.min(firstChild, i);
      }
    }
    assertThat(lastParent).isLessThan(firstChild);
  }

  @Test
  void anOpenShardStartsAtTheFirstChangeAfterTheStartWithoutReplayingItsHistory() throws Exception {
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("shard-0001", null);
    for (int i = 0; i < 50; i++) {
      streams.put("shard-0001", item("old-" + i, "history"), "id");
    }
    Thread appender =
        new Thread(
            () -> {
              try {
                Await.until(
                    "a LATEST iterator request for shard-0001",
                    Duration.ofSeconds(60),
                    () -> streams.iteratorRequests.contains("shard-0001@latest"));
                streams.put("shard-0001", item("new", "during-start"), "id");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    appender.start();
    try (SyncJob job = job(streams, "all")) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitTarget("new", "during-start");
      job.stop();
      assertThat(run.get(30, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    appender.join();
    assertThat(TableContents.read(target.client(), "items")).containsOnlyKeys("id=S:new");
    assertThat(streams.iteratorRequests).anyMatch(r -> r.startsWith("shard-0001@at:"));
    // the probe and the reader both saw the new record; none of the 50 historical ones was read
    assertThat(streams.reads.stream().distinct()).hasSize(1);
  }

  @Test
  void forgetsFinishedShardsOnceTheyLeaveTheStream() throws Exception {
    ScriptedStreamsApi streams = new ScriptedStreamsApi().shard("shard-0001", null);
    streams.put("shard-0001", item("k", "parent"), "id");
    streams
        .close("shard-0001")
        .shard("shard-0002", "shard-0001")
        .put("shard-0002", item("k", "child"), "id");
    try (SyncJob job = job(streams)) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      awaitTarget("k", "child");
      streams.drop("shard-0001");
      Await.until(
          "the dropped shard to leave the progress",
          Duration.ofSeconds(10),
          () -> !job.streamProgress().get("items").snapshot(0).shards().containsKey("shard-0001"));
      job.stop();
      run.get(30, TimeUnit.SECONDS);
    }
    var saved =
        new io.nimo.core.checkpoint.file.FileCheckpointStore(
                checkpoints.resolve("it-job-checkpoint"))
            .load("it-job").stream("items").orElseThrow();
    assertThat(saved.shards()).containsOnlyKeys("shard-0002");
  }
}
