package io.nimo.core.check;

import io.nimo.core.retry.Retrier;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Reads a key back after a write until it shows what was written: a target whose reads lag its
 * writes (an endpoint not preset to strong consistency) may answer with the previous image for a
 * moment. The first read is at once; each further one after a pause that doubles from 100 ms, until
 * {@code within} has passed. Only then does the key count as not fixed.
 */
final class ReadBack {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

  private final Duration within;
  private final Retrier pauses;
  private final Clock clock;

  ReadBack(Duration within, Retrier pauses) {
    this.within = within;
    this.pauses = pauses;
    this.clock = pauses.clock();
  }

  /**
   * How many reads it took until {@code shows} held: 1 when the first read did, 0 when none did
   * within the limit.
   *
   * @param what the table and key, for a stop while pausing
   * @param shows reads the key once and tells whether it shows the written image
   */
  int reads(String what, BooleanSupplier shows) {
    long deadline = clock.millis() + within.toMillis();
    Duration pause = FIRST_PAUSE;
    for (int reads = 1; ; reads++) {
      if (shows.getAsBoolean()) {
        return reads;
      }
      long left = deadline - clock.millis();
      if (left <= 0) {
        return 0;
      }
      pauses.pause("reading back " + what, Duration.ofMillis(Math.min(pause.toMillis(), left)));
      pause = pause.multipliedBy(2);
    }
  }
}
