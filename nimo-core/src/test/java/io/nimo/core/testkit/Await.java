package io.nimo.core.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waits for a condition with a deadline, so a test that goes wrong fails naming what it awaited.
 */
public final class Await {
  private Await() {}

  /**
   * Polls {@code done} every 20 ms until it holds.
   *
   * @param what what is awaited, for the failure message
   * @param timeout how long at most
   * @param done the condition
   * @throws InterruptedException if interrupted
   */
  public static void until(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Polls {@code probe} every {@code every} until its value satisfies {@code done} or the time is
   * up, and returns the last value: the caller asserts on it, so a failure shows what was left (a
   * diff, a report) rather than only that time ran out.
   *
   * @param timeout how long at most
   * @param every the pause between probes (a probe may be a whole-table read)
   * @param probe reads the current state
   * @param done whether the state is the awaited one
   * @throws Exception what the probe throws, or an interrupt
   */
  public static <T> T settle(Duration timeout, Duration every, Callable<T> probe, Predicate<T> done)
      throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    T value = probe.call();
    while (!done.test(value) && System.nanoTime() < end) {
      Thread.sleep(every.toMillis());
      value = probe.call();
    }
    return value;
  }
}
