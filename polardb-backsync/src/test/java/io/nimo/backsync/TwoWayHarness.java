package io.nimo.backsync;

import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs nimo-shake (DynamoDB → PostgreSQL) in-process, the forward half of a two-way setup. */
final class TwoWayHarness implements AutoCloseable {
  final SyncJob job;
  final CompletableFuture<SyncReport> run;

  private TwoWayHarness(SyncJob job) {
    this.job = job;
    this.run = Jobs.runAsync(job);
  }

  static TwoWayHarness forward(DynamoLocal source, PostgresLocal pg, Path work)
      throws InterruptedException {
    return forward(source, pg, work, "item");
  }

  static TwoWayHarness forward(DynamoLocal source, PostgresLocal pg, Path work, String itemColumn)
      throws InterruptedException {
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), "unused", work);
    raw.put("sync_mode", "all");
    raw.put("target.type", "postgresql");
    raw.put("target.postgresql.item_column", itemColumn);
    raw.put("target.address", pg.jdbcUrl());
    raw.put("target.access_key_id", "");
    raw.put("target.secret_access_key", "");
    raw.put("incr.shard_discovery_interval", "500ms");
    TwoWayHarness h = new TwoWayHarness(SyncJob.builder(TestConfigs.shake(raw)).build());
    while (h.job.streamProgress().isEmpty()) {
      if (h.run.isDone()) {
        h.run.join();
        throw new AssertionError("nimo-shake ended before its incremental phase");
      }
      Thread.sleep(50);
    }
    return h;
  }

  @Override
  public void close() throws Exception {
    job.stop();
    run.get();
    job.close();
  }
}
