package io.nimo.core.testkit;

import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import java.util.concurrent.CompletableFuture;

/** Runs a job on another thread, so a test can write to the source, watch progress and stop it. */
public final class Jobs {
  private Jobs() {}

  public static CompletableFuture<SyncReport> runAsync(SyncJob job) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return job.run();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }
}
