package io.nimo.core.source;

import io.nimo.core.retry.Sleeper;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A smooth rate limiter: callers reserve evenly spaced slots, {@code permitsPerSecond} per second,
 * and sleep until theirs. Shared by all segments of one table. Thread-safe.
 */
public final class QpsLimiter {
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long nextSlot;

  /**
   * A limiter over the given time source.
   *
   * @param permitsPerSecond calls per second
   * @param nanoTime monotonic nanoseconds
   * @param sleeper how callers wait
   */
  public QpsLimiter(int permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this(permitsPerSecond, 1, nanoTime, sleeper);
  }

  /**
   * One of {@code shares} equal parts of {@code permitsPerSecond}, over the given time source.
   *
   * @param permitsPerSecond the whole rate
   * @param shares how many parts share it
   * @param nanoTime monotonic nanoseconds
   * @param sleeper how callers wait
   */
  public QpsLimiter(int permitsPerSecond, int shares, LongSupplier nanoTime, Sleeper sleeper) {
    if (permitsPerSecond <= 0 || shares <= 0) {
      throw new IllegalArgumentException("permitsPerSecond and shares must be > 0");
    }
    this.intervalNanos = 1_000_000_000L * shares / permitsPerSecond;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.nextSlot = nanoTime.getAsLong();
  }

  /**
   * A limiter over the system's time.
   *
   * @param permitsPerSecond calls per second
   * @return the limiter
   */
  public static QpsLimiter system(int permitsPerSecond) {
    return new QpsLimiter(permitsPerSecond, System::nanoTime, Sleeper.SYSTEM);
  }

  /**
   * One of {@code shares} equal parts of a rate (e.g. a parallel reader's part of {@code
   * qps.full}): exact even when the parts are below one call per second, so the parts never add up
   * to more than the whole.
   *
   * @param permitsPerSecond the whole rate
   * @param shares how many parts share it
   */
  public static QpsLimiter systemShare(int permitsPerSecond, int shares) {
    return new QpsLimiter(permitsPerSecond, shares, System::nanoTime, Sleeper.SYSTEM);
  }

  /**
   * Blocks until the caller may make one call.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }
}
