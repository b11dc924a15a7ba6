package io.nimo.core.sync;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a stop cut short a job's start-up (the checkpoint read and ListTables, perhaps retrying an
 * outage or blocked in a driver call): until the phases begin, a stop interrupts the thread in
 * {@code run()}; nothing was copied yet, so nothing is lost. Once the phases begin, a stop is left
 * to them (they drain in-flight work and checkpoint).
 */
final class StartupInterrupt {
  private final AtomicBoolean stopRequested;
  private Thread starting;

  StartupInterrupt(AtomicBoolean stopRequested) {
    this.stopRequested = stopRequested;
  }

  /** The calling thread starts the job. */
  synchronized void enter() {
    starting = Thread.currentThread();
  }

  /** Called on stop: interrupts the start-up if it is still running. */
  synchronized void stop() {
    if (starting != null) {
      starting.interrupt();
    }
  }

  /** Whether the start-up is still running (so a failure now may be the stop's interrupt). */
  synchronized boolean inStart() {
    return starting != null;
  }

  /** The phases begin: a stop's interrupt that landed meanwhile is cleared; they see the flag. */
  synchronized void leave() {
    starting = null;
    if (stopRequested.get()) {
      Thread.interrupted();
    }
  }
}
