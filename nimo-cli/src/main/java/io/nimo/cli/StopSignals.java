package io.nimo.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) ask the running job to stop: in-flight batches drain, progress is
 * checkpointed and the tool exits with its documented code instead of the JVM's 143/130. A second
 * signal exits at once; the last checkpoint is still valid, so a re-run resumes.
 */
public final class StopSignals {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private StopSignals() {}

  /**
   * Routes SIGTERM and SIGINT to {@code stop}; a second signal halts with {@code forcedExitCode}.
   *
   * @param stop asks the running job to stop (must not block)
   * @param forcedExitCode the exit code of a second signal
   */
  public static void install(Runnable stop, int forcedExitCode) {
    AtomicInteger received = new AtomicInteger();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          sig -> {
            if (received.incrementAndGet() == 1) {
              LOG.info(
                  "SIG{} received: stopping after in-flight batches and checkpointing (send it again to exit at once)",
                  sig.getName());
              stop.run();
            } else {
              LOG.warn(
                  "SIG{} received again: exiting now; the next run resumes from the last checkpoint",
                  sig.getName());
              Runtime.getRuntime().halt(forcedExitCode);
            }
          });
    }
  }
}
