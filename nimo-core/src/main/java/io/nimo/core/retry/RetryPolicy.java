package io.nimo.core.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff with full jitter, bounded by a time budget.
 *
 * @param initialBackoff the first wait
 * @param maxBackoff the cap of any single wait
 * @param budget total time a single operation may spend retrying before it fails for good
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration budget) {

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff);
    Objects.requireNonNull(maxBackoff);
    Objects.requireNonNull(budget);
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(20), Duration.ofMinutes(5));
  }

  /**
   * The policy of {@code retry.max_backoff} and {@code retry.budget}.
   *
   * @return the policy
   */
  public static RetryPolicy from(io.nimo.core.config.Configuration c) {
    return of(
        c.get(io.nimo.core.config.ShakeOptions.RETRY_MAX_BACKOFF),
        c.get(io.nimo.core.config.ShakeOptions.RETRY_BUDGET));
  }

  /** The default first wait with the given cap and budget. */
  public static RetryPolicy of(Duration maxBackoff, Duration budget) {
    return new RetryPolicy(
        Duration.ofMillis(Math.min(50, maxBackoff.toMillis())), maxBackoff, budget);
  }

  /** The capped, un-jittered backoff before attempt {@code attempt} (1-based retry count). */
  public Duration backoff(int attempt) {
    long base = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    int shift = Math.min(attempt - 1, 30);
    long exp = base << shift;
    return Duration.ofMillis(exp < 0 || exp > cap ? cap : exp);
  }
}
