package io.nimo.cli;

import io.nimo.core.config.Configuration;
import io.nimo.core.probe.ProbeFailure;
import io.nimo.core.sync.Preflight;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the start-up pre-flight for a tool and reports each endpoint that failed as one line on the
 * console (no stack trace; the driver's exception goes to the log file at DEBUG).
 */
public final class StartupProbes {
  private static final Logger LOG = LoggerFactory.getLogger(StartupProbes.class);

  private StartupProbes() {}

  /**
   * Probes the endpoints.
   *
   * @param tool the tool's name, for the console line
   * @param shakeConf the nimo-shake configuration the tool runs on
   * @param checkpoint whether the tool uses the checkpoint store
   * @param err the console
   * @return whether every endpoint answered
   */
  public static boolean pass(
      String tool, Configuration shakeConf, boolean checkpoint, PrintStream err) {
    List<ProbeFailure> failures = Preflight.run(shakeConf, checkpoint);
    for (ProbeFailure f : failures) {
      LOG.error("start-up pre-flight: {}", f.getMessage());
      LOG.debug("start-up pre-flight: {} failed", f.key(), f);
      err.println(tool + ": " + f.getMessage());
    }
    if (!failures.isEmpty()) {
      err.println(
          tool
              + ": nothing was read or written; fix the key(s) above and start again (exit "
              + ExitCode.UNREACHABLE.code()
              + ")");
    }
    return failures.isEmpty();
  }
}
