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
    if (permitsPerSecond <= 0) {
      throw new IllegalArgumentException("permitsPerSecond must be > 0");
    }
    this.intervalNanos = 1_000_000_000L / permitsPerSecond;
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
