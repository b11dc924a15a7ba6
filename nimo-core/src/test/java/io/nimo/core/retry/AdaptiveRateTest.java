package io.nimo.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveRateTest {
  final ManualClock clock = new ManualClock();
  final AdaptiveRate rate = new AdaptiveRate(clock, clock::sleep);

  /** Sends items for {@code seconds}, throttled above {@code capacity} items/s; returns items/s. */
  double run(double capacity, int seconds) {
    long start = clock.millis();
    long sent = 0;
    double budget = capacity;
    long second = clock.millis() / 1000;
    while (clock.millis() - start < seconds * 1000L) {
      rate.acquire(25);
      if (clock.millis() / 1000 != second) {
        second = clock.millis() / 1000;
        budget = capacity;
      }
      if (budget >= 25) {
        budget -= 25;
        sent += 25;
        rate.succeeded(25);
      } else {
        rate.throttled();
      }
      clock.advance(Duration.ofMillis(5)); // the call's round trip
    }
    return sent * 1000.0 / (clock.millis() - start);
  }

  @Test
  void isUnlimitedUntilTheFirstThrottle() {
    long before = clock.millis();
    for (int i = 0; i < 1000; i++) {
      rate.acquire(25);
      rate.succeeded(25);
    }
    assertThat(clock.millis()).isEqualTo(before);
    assertThat(rate.rate()).isInfinite();
  }

  @Test
  void settlesNearTheCapacityWithFewThrottles() {
    double got = run(1000, 30);
    assertThat(got).isGreaterThan(800);
    assertThat(rate.rate()).isBetween(500.0, 1500.0);
    long cutsAfterSettling = rate.cuts();
    run(1000, 30);
    // a settled rate is cut now and then as it probes upwards, not on every call
    assertThat(rate.cuts() - cutsAfterSettling).isLessThan(30);
  }

  @Test
  void climbsBackWhenCapacityReturns() {
    run(200, 20);
    assertThat(rate.rate()).isLessThan(400);
    run(1_000_000, 120);
    assertThat(rate.rate()).isGreaterThan(5000);
  }
}
