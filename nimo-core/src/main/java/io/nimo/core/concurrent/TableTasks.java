package io.nimo.core.concurrent;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for per-table tasks, recording a task's unexpected failure as that table's error. */
public final class TableTasks {
  private TableTasks() {}

  /**
   * Waits for every task.
   *
   * @param tasks the task of each table
   * @param errors receives the failure of each table whose task failed unexpectedly
   * @throws InterruptedException if interrupted while waiting
   */
  public static void awaitAll(Map<String, Future<?>> tasks, Map<String, String> errors)
      throws InterruptedException {
    for (Map.Entry<String, Future<?>> f : tasks.entrySet()) {
      try {
        f.getValue().get();
      } catch (ExecutionException e) {
        errors.put(f.getKey(), String.valueOf(e.getCause()));
      }
    }
  }
}
