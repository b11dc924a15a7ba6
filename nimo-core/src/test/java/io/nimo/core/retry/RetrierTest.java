package io.nimo.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  /** A clock that only moves when the fake sleeper sleeps. */
  static final class FakeTime extends Clock implements Sleeper {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public void sleep(Duration d) {
      sleeps.add(d);
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static final ErrorClassifier TRANSIENT_IF_ISE =
      e ->
          e instanceof IllegalStateException
              ? ErrorClass.retriable("transient")
              : ErrorClass.fatal("bad");

  @Test
  void retriesRetriableFailuresUntilSuccess() {
    FakeTime t = new FakeTime();
    Retrier r =
        new Retrier(
            new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1)),
            TRANSIENT_IF_ISE,
            t,
            t);
    AtomicInteger calls = new AtomicInteger();
    String result =
        r.call(
            "op",
            () -> {
              if (calls.incrementAndGet() < 5) {
                throw new IllegalStateException("throttled");
              }
              return "ok";
            });
    assertThat(result).isEqualTo("ok");
    assertThat(calls.get()).isEqualTo(5);
    assertThat(r.retries()).isEqualTo(4);
    assertThat(t.sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void failsOnceTheBudgetIsSpentNamingTheOperation() {
    FakeTime t = new FakeTime();
    Retrier r =
        new Retrier(
            new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30)),
            TRANSIENT_IF_ISE,
            t,
            t);
    assertThatThrownBy(
            () ->
                r.call(
                    "BatchWriteItem orders",
                    () -> {
                      throw new IllegalStateException("connection refused");
                    }))
        .isInstanceOf(RetryBudgetExhaustedException.class)
        .hasMessageContaining("BatchWriteItem orders")
        .hasMessageContaining("connection refused");
    Duration slept = t.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(slept)
        .isLessThanOrEqualTo(Duration.ofSeconds(30))
        .isGreaterThan(Duration.ofSeconds(20));
  }

  @Test
  void rethrowsFatalFailuresWithoutRetrying() {
    FakeTime t = new FakeTime();
    Retrier r = new Retrier(RetryPolicy.defaults(), TRANSIENT_IF_ISE, t, t);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                r.call(
                    "op",
                    () -> {
                      calls.incrementAndGet();
                      throw new IllegalArgumentException("validation");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(t.sleeps).isEmpty();
  }

  @Test
  void backoffGrowsExponentiallyUpToTheCap() {
    RetryPolicy p =
        new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMinutes(1));
    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(50));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.backoff(10)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.backoff(80)).isEqualTo(Duration.ofSeconds(2));
  }
}
