package io.nimo.core.source.stream;

import io.nimo.core.retry.Retrier;
import io.nimo.core.source.QpsLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Runs one shard's GetRecords calls on a fetch thread, so the next page is read while the current
 * one is applied. The caller still takes pages one at a time, in order, and only after applying the
 * previous one: positions and checkpoints are unaffected.
 */
final class PageFetcher {
  private final StreamsApi streams;
  private final Retrier retrier;
  private final QpsLimiter limiter;
  private final Executor executor;
  private final String what;
  private final int limit;

  PageFetcher(
      StreamsApi streams,
      Retrier retrier,
      QpsLimiter limiter,
      Executor executor,
      String what,
      int limit) {
    this.streams = streams;
    this.retrier = retrier;
    this.limiter = limiter;
    this.executor = executor;
    this.what = what;
    this.limit = limit;
  }

  /** Starts reading the page at {@code iterator}. */
  CompletableFuture<RecordsPage> fetch(String iterator) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            limiter.acquire();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("stopped");
          }
          return retrier.call("GetRecords " + what, () -> streams.records(iterator, limit));
        },
        executor);
  }

  /** The fetched page; a failed call rethrows its own exception (e.g. an expired iterator). */
  static RecordsPage await(CompletableFuture<RecordsPage> page) throws InterruptedException {
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
