package io.nimo.core.source.stream;

import io.nimo.core.source.QpsLimiter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Runs one shard cursor's reads on a fetch thread, so the next page is read while the current one
 * is applied. The caller still takes pages one at a time, in order, and only after applying the
 * previous one: positions and checkpoints are unaffected. The cursor is touched by one read at a
 * time (each read starts after the previous one was taken).
 */
final class PageFetcher {
  private final ShardCursor cursor;
  private final QpsLimiter limiter;
  private final Executor executor;
  private final int limit;

  PageFetcher(ShardCursor cursor, QpsLimiter limiter, Executor executor, int limit) {
    this.cursor = cursor;
    this.limiter = limiter;
    this.executor = executor;
    this.limit = limit;
  }

  /** Starts reading the cursor's next page. */
  CompletableFuture<ShardCursor.Page> fetch() {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            limiter.acquire();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("stopped");
          }
          return cursor.next(limit);
        },
        executor);
  }

  /** The fetched page; a failed read rethrows its own exception (e.g. a lost position). */
  static ShardCursor.Page await(CompletableFuture<ShardCursor.Page> page)
      throws InterruptedException {
    try {
      return page.get();
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof CompletionException c && c.getCause() != null
              ? c.getCause()
              : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
