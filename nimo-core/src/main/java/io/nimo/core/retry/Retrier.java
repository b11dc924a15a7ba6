package io.nimo.core.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation, retrying failures its classifier calls retriable with capped, jittered backoff
 * until the policy's time budget is spent. Fatal failures are rethrown at once; an interrupted
 * thread (a stopping job) ends the call with a {@link CancellationException}. Thread-safe; one
 * instance is shared by all callers of an adapter.
 */
public final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final RetryPolicy policy;
  private final ErrorClassifier classifier;
  private final Clock clock;
  private final Sleeper sleeper;
  private final LongAdder retries = new LongAdder();

  public Retrier(RetryPolicy policy, ErrorClassifier classifier, Clock clock, Sleeper sleeper) {
    this.policy = policy;
    this.classifier = classifier;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * The same policy, clock and sleeper with another classifier (a call whose failures are judged
   * differently, e.g. a batch that an endpoint refuses as a whole).
   *
   * @param other how this retrier's failures are classified
   * @return the retrier
   */
  public Retrier withClassifier(ErrorClassifier other) {
    return new Retrier(policy, other, clock, sleeper);
  }

  /** A checked-exception-free callable. */
  @FunctionalInterface
  public interface Operation<T> {
    T call() throws Exception;
  }

  /**
   * A retrier with the {@code retry.max_backoff} and {@code retry.budget} of a configuration.
   *
   * @param classifier the adapter's error classifier
   * @param timing the clock the budget is measured with and how retries wait
   * @return the retrier
   */
  public static Retrier forConfig(
      io.nimo.core.config.Configuration c, ErrorClassifier classifier, Timing timing) {
    return new Retrier(RetryPolicy.from(c), classifier, timing.clock(), timing.sleeper());
  }

  /**
   * Runs {@code op}; {@code what} names the operation, table and key for logs and errors.
   *
   * @throws RetryBudgetExhaustedException when retriable failures outlast the budget
   * @throws RuntimeException the first fatal failure (wrapped if checked)
   */
  public <T> T call(String what, Operation<T> op) {
    Instant deadline = clock.instant().plus(policy.budget());
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        return op.call();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw cancelled(what, e);
      } catch (Exception e) {
        if (Thread.currentThread().isInterrupted()) {
          throw cancelled(what, e);
        }
        ErrorClass c = classifier.classify(e);
        if (c instanceof ErrorClass.Fatal) {
          throw e instanceof RuntimeException re
              ? re
              : new IllegalStateException(what + ": " + e.getMessage(), e);
        }
        Duration wait = jitter(policy.backoff(attempt));
        if (clock.instant().plus(wait).isAfter(deadline)) {
          throw new RetryBudgetExhaustedException(what, attempt, e);
        }
        retries.increment();
        if (attempt == 1 || attempt % 10 == 0) {
          LOG.warn(
              "{} failed ({}), retry {} in {} ms",
              what,
              ((ErrorClass.Retriable) c).reason(),
              attempt,
              wait.toMillis());
        }
        pause(what, wait);
      }
    }
  }

  /**
   * Sleeps for a backoff step; used by callers that re-drive partial results themselves.
   *
   * @throws CancellationException if the thread is interrupted (the job is being stopped)
   */
  public void pause(String what, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw cancelled(what, ie);
    }
  }

  private static CancellationException cancelled(String what, Exception cause) {
    CancellationException c = new CancellationException(what + " interrupted: the job is stopping");
    c.initCause(cause);
    return c;
  }

  public RetryPolicy policy() {
    return policy;
  }

  public Clock clock() {
    return clock;
  }

  /** How many retries this retrier has performed in total. */
  public long retries() {
    return retries.sum();
  }

  public static Duration jitter(Duration d) {
    long ms = d.toMillis();
    return ms <= 1
        ? d
        : Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
  }
}
