package io.nimo.core.retry;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A client-side write rate that follows the server's capacity: unlimited until the first throttled
 * call; then 70 % of the rate that was getting through (at least 1,000 items/s, since a throttle at
 * start-up says nothing about the capacity), cut by 30 % again at most every 200 ms while
 * throttling goes on, and raised by 20 % every 500 ms without throttling, until it is four times
 * the highest rate ever throttled and is lifted. Writers of one table share it, so a table over its
 * capacity is asked less often instead of being hammered by retries. Thread-safe.
 */
public final class AdaptiveRate {
  private static final double MIN_RATE = 25;
  private static final double START_FLOOR = 1000;
  private static final long CUT_SPACING_MS = 200;
  private static final long RAISE_SPACING_MS = 500;
  private static final long WINDOW_MS = 1000;

  private final Clock clock;
  private final Consumer<Duration> waiter;
  private double rate = Double.POSITIVE_INFINITY;
  private double ceiling;
  private double tokens;
  private long lastRefill;
  private long lastCut = Long.MIN_VALUE / 2;
  private long lastRaise;
  private long windowStart;
  private long windowItems;
  private double recent;
  private long cuts;

  /**
   * A rate.
   *
   * @param clock time
   * @param waiter how to wait (a {@link Retrier#pause} or a sleeper)
   */
  public AdaptiveRate(Clock clock, Consumer<Duration> waiter) {
    this.clock = clock;
    this.waiter = waiter;
    long now = clock.millis();
    this.lastRefill = now;
    this.windowStart = now;
  }

  /**
   * Waits until {@code items} may be sent.
   *
   * @param items items about to be written
   */
  public void acquire(int items) {
    long waitMs;
    synchronized (this) {
      if (Double.isInfinite(rate)) {
        return;
      }
      refill(clock.millis());
      tokens -= items;
      waitMs = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * 1000);
    }
    if (waitMs > 0) {
      waiter.accept(Duration.ofMillis(waitMs));
    }
  }

  /**
   * Records items the server took.
   *
   * @param items items written
   */
  public synchronized void succeeded(int items) {
    long now = clock.millis();
    roll(now);
    windowItems += items;
    if (!Double.isInfinite(rate)
        && now - lastRaise >= RAISE_SPACING_MS
        && now - lastCut >= RAISE_SPACING_MS) {
      rate *= 1.2;
      lastRaise = now;
      if (rate > ceiling * 4) {
        rate = Double.POSITIVE_INFINITY; // far above where throttling began: stop limiting
      }
    }
  }

  /** Records a throttled call (an exception or items left unprocessed). */
  public synchronized void throttled() {
    long now = clock.millis();
    if (now - lastCut < CUT_SPACING_MS) {
      return;
    }
    roll(now);
    double through =
        Double.isInfinite(rate)
            ? Math.max(
                START_FLOOR,
                Math.max(recent, windowItems * 1000.0 / Math.max(WINDOW_MS, now - windowStart)))
            : rate;
    rate = Math.max(MIN_RATE, through * 0.7);
    ceiling = Math.max(ceiling, through);
    tokens = Math.min(tokens, 0);
    lastRefill = now;
    lastCut = now;
    lastRaise = now;
    cuts++;
  }

  /**
   * The current limit in items per second, infinite when unlimited.
   *
   * @return the rate
   */
  public synchronized double rate() {
    return rate;
  }

  /**
   * How many times the rate was cut.
   *
   * @return the count
   */
  public synchronized long cuts() {
    return cuts;
  }

  private void refill(long now) {
    tokens = Math.min(rate / 10, tokens + (now - lastRefill) / 1000.0 * rate);
    lastRefill = now;
  }

  private void roll(long now) {
    if (now - windowStart >= WINDOW_MS) {
      recent = windowItems * 1000.0 / (now - windowStart);
      windowStart = now;
      windowItems = 0;
    }
  }
}
