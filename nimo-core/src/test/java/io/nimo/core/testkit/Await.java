package io.nimo.core.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

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
}
