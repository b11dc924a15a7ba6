package io.nimo.core.retry;

import java.time.Clock;

/**
 * How a component reads time and waits: the system's in production, a fake in tests. Given to every
 * provider and runner by the composition root, so no component hard-codes either.
 *
 * @param clock wall-clock time (rates, lag, checkpoint ages, deadlines)
 * @param sleeper how retries and pauses wait
 */
public record Timing(Clock clock, Sleeper sleeper) {
  /** The system clock (UTC) and {@link Sleeper#SYSTEM}. */
  public static final Timing SYSTEM = new Timing(Clock.systemUTC(), Sleeper.SYSTEM);
}
