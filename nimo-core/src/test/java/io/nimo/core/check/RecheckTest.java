package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.UnsupportedTarget;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** recheck_after: auto rechecks exactly when the target's reads may lag its writes. */
class RecheckTest {
  private static UnsupportedTarget target(boolean strong) {
    return new UnsupportedTarget("orders") {
      @Override
      public boolean strongReads() {
        return strong;
      }
    };
  }

  @Test
  void autoRechecksOnlyATargetWhoseReadsMayLag() {
    assertThat(Recheck.auto().pauseFor(target(true))).isZero();
    assertThat(Recheck.auto().pauseFor(target(false))).isEqualTo(Recheck.WHEN_READS_MAY_LAG);
    assertThat(Recheck.auto().describe(false)).contains("compared again after 5s");
  }

  @Test
  void anAskedPauseHoldsWhateverTheTarget() {
    assertThat(Recheck.after(Duration.ofSeconds(30)).pauseFor(target(true)))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(Recheck.after(Duration.ZERO).pauseFor(target(false))).isZero();
    assertThat(Recheck.after(Duration.ZERO).describe(false)).contains("recheck_after = 0s");
  }
}
