package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.TestRetriers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reading a fixed key back on a target whose reads lag its writes. */
class ReadBackTest {
  private final ManualClock time = new ManualClock();

  @Test
  void aKeyThatShowsAtOnceTakesOneReadAndNoPause() {
    assertThat(
            new ReadBack(Duration.ofSeconds(5), TestRetriers.manual(time))
                .reads("t {k}", () -> true))
        .isEqualTo(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void aStaleReadIsReadAgainAfterGrowingPausesUntilItShows() {
    AtomicInteger calls = new AtomicInteger();
    int reads =
        new ReadBack(Duration.ofSeconds(5), TestRetriers.manual(time))
            .reads("t {k}", () -> calls.incrementAndGet() == 4);
    assertThat(reads).isEqualTo(4);
    assertThat(time.sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void aKeyThatNeverShowsCountsAsNotFixedOnceTheLimitHasPassed() {
    int reads =
        new ReadBack(Duration.ofSeconds(2), TestRetriers.manual(time)).reads("t {k}", () -> false);
    assertThat(reads).isZero();
    assertThat(time.sleeps.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(2000);
  }

  @Test
  void aZeroLimitReadsOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThat(
            new ReadBack(Duration.ZERO, TestRetriers.manual(time))
                .reads("t {k}", () -> calls.incrementAndGet() > 5))
        .isZero();
    assertThat(calls.get()).isEqualTo(1);
  }
}
