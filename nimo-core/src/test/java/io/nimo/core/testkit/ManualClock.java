package io.nimo.core.testkit;

import io.nimo.core.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when its sleeper sleeps or a test advances it; records the sleeps. */
public final class ManualClock extends Clock implements Sleeper {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  /** Every sleep, in order. */
  public final List<Duration> sleeps = new ArrayList<>();

  @Override
  public void sleep(Duration d) {
    sleeps.add(d);
    now = now.plus(d);
  }

  /**
   * Moves time on.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
