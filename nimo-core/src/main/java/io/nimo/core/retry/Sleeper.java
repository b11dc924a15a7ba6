package io.nimo.core.retry;

import java.time.Duration;

/** Waits; injected so that tests need not sleep. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
