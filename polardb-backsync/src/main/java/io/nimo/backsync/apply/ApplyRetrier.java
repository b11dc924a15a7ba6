package io.nimo.backsync.apply;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries retryable write errors with capped exponential backoff and full jitter, within a time
 * budget; a permanent error or an exhausted budget is thrown to the caller. Thread-safe.
 */
final class ApplyRetrier {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyRetrier.class);
  private static final long BASE_MS = 50;
  private static final long CAP_MS = 5_000;

  /** Waits; injected so tests need not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final long budgetMillis;
  private final Clock clock;
  private final Sleeper sleeper;
  private final java.util.concurrent.atomic.AtomicLong retries =
      new java.util.concurrent.atomic.AtomicLong();

  ApplyRetrier(long budgetMillis, Clock clock, Sleeper sleeper) {
    this.budgetMillis = budgetMillis;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  long retries() {
    return retries.get();
  }

  /** Waits before attempt {@code attempt} (1-based) if the budget allows, else returns false. */
  boolean backoff(int attempt, long startMillis) throws InterruptedException {
    long delay =
        ThreadLocalRandom.current()
            .nextLong(Math.min(CAP_MS, BASE_MS << Math.min(attempt, 16)) + 1);
    if (clock.millis() + delay - startMillis > budgetMillis) {
      return false;
    }
    retries.incrementAndGet();
    sleeper.sleep(delay);
    return true;
  }

  <T> T call(String what, Supplier<T> op) throws InterruptedException {
    long start = clock.millis();
    for (int attempt = 1; ; attempt++) {
      try {
        return op.get();
      } catch (RuntimeException e) {
        if (!ApplyErrorClassifier.retryable(e) || !backoff(attempt, start)) {
          throw e;
        }
        LOG.warn("{} failed (attempt {}), retrying: {}", what, attempt, e.toString());
      }
    }
  }
}
