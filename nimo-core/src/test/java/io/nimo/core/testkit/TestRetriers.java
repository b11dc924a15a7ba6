package io.nimo.core.testkit;

import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryPolicy;
import io.nimo.core.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;

/** Real-time retriers with short back-off caps, for tests against local servers. */
public final class TestRetriers {
  private TestRetriers() {}

  public static Retrier dynamo(Duration budget) {
    return new Retrier(
        RetryPolicy.of(Duration.ofMillis(200), budget),
        new DynamoErrorClassifier(),
        Clock.systemUTC(),
        Sleeper.SYSTEM);
  }

  /** A retrier whose back-off waits on a manual clock (no real sleeping). */
  public static Retrier manual(ManualClock time) {
    return new Retrier(
        new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMinutes(1)),
        new DynamoErrorClassifier(),
        time,
        time);
  }
}
