package io.nimo.core.check;

import io.nimo.core.sink.Target;
import java.time.Duration;
import java.util.Optional;

/**
 * When a check compares its differences once more ({@code recheck_after}): after the pause asked
 * for, or, left {@code auto}, after {@link #WHEN_READS_MAY_LAG} when the target's reads are not
 * known to be strong (a difference may then be a write not yet visible) and not at all otherwise.
 *
 * @param asked the pause asked for, or empty for {@code auto}
 */
public record Recheck(Optional<Duration> asked) {
  /** The pause {@code auto} chooses for a target whose reads may lag its writes. */
  public static final Duration WHEN_READS_MAY_LAG = Duration.ofSeconds(5);

  /** Requires a non-negative pause. */
  public Recheck {
    asked.ifPresent(
        d -> {
          if (d.isNegative()) {
            throw new IllegalArgumentException("recheck_after must not be negative");
          }
        });
  }

  /** {@code auto}. */
  public static Recheck auto() {
    return new Recheck(Optional.empty());
  }

  /** After {@code pause} whatever the target ({@code 0s} = never). */
  public static Recheck after(Duration pause) {
    return new Recheck(Optional.of(pause));
  }

  /** The pause before a table's differences are compared again; zero = no recheck. */
  public Duration pauseFor(Target target) {
    return asked.orElseGet(() -> target.strongReads() ? Duration.ZERO : WHEN_READS_MAY_LAG);
  }

  /** How the check will recheck, for the pre-flight line. */
  public String describe(boolean strongReads) {
    if (asked.isPresent()) {
      return asked.get().isZero()
          ? "differences are reported without a recheck (recheck_after = 0s)"
          : "differences are compared again after " + asked.get() + " (recheck_after)";
    }
    return strongReads
        ? "differences are reported without a recheck (recheck_after = auto, reads are strong)"
        : "differences are compared again after "
            + WHEN_READS_MAY_LAG.toSeconds()
            + "s before they are reported (recheck_after = auto: reads may lag writes)";
  }
}
