package io.nimo.check;

import io.nimo.cli.ExitCode;
import io.nimo.cli.StartupProbes;
import io.nimo.cli.StopSignals;
import io.nimo.cli.ToolConf;
import io.nimo.core.check.CheckJob;
import io.nimo.core.check.CheckReport;
import io.nimo.core.check.CheckRequest;
import io.nimo.core.check.TableCheck;
import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.Configuration;
import io.nimo.core.sync.ConfValidator;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nimo-full-check command: compares the source tables with the target item by item and writes a
 * diff report per table that differs. A thin wrapper over {@link CheckJob}.
 */
final class FullCheckCli {
  static final String TOOL = "nimo-full-check";
  private static final Logger LOG = LoggerFactory.getLogger(FullCheckCli.class);
  private final PrintStream out;
  private final PrintStream err;
  private final ToolConf tool =
      new ToolConf(
          TOOL,
          "compare DynamoDB tables with the target item by item",
          CheckOptions.CHECK,
          conf -> ConfValidator.check(CheckOptions.asShakeConfiguration(conf)));

  FullCheckCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    return tool.execute(args, out, err, this::check);
  }

  private ExitCode check(Configuration conf) {
    Configuration shake = CheckOptions.asShakeConfiguration(conf);
    if (!StartupProbes.pass(TOOL, shake, false, err)) {
      return ExitCode.UNREACHABLE;
    }
    try (CheckJob check = CheckJob.builder(shake).request(CheckRequest.from(conf)).build()) {
      StopSignals.install(check::stop, ExitCode.STOPPED.code());
      CheckReport report = check.run();
      StringBuilder b =
          new StringBuilder("\n==== nimo-full-check summary: ")
              .append(
                  report.consistent() ? "CONSISTENT" : report.stopped() ? "STOPPED" : "DIFFERENCES")
              .append('\n');
      for (TableCheck t : report.tables()) {
        b.append(
            String.format(
                "  %-24s checked=%d missing=%d different=%d extra=%d%s%s%n",
                t.table(),
                t.checked(),
                t.missing(),
                t.different(),
                t.extra(),
                t.rechecked() == 0
                    ? ""
                    : " rechecked="
                        + t.rechecked()
                        + " (not yet visible then: "
                        + t.resolved()
                        + ", confirmed: "
                        + (t.rechecked() - t.resolved())
                        + ")",
                t.error() != null
                    ? " error=" + t.error()
                    : t.diffFile() != null ? " report=" + t.diffFile() : ""));
      }
      b.append(
          String.format(
              "  TOTAL %d table(s): checked=%d missing=%d different=%d extra=%d%n",
              report.tables().size(),
              report.tables().stream().mapToLong(TableCheck::checked).sum(),
              report.tables().stream().mapToLong(TableCheck::missing).sum(),
              report.tables().stream().mapToLong(TableCheck::different).sum(),
              report.tables().stream().mapToLong(TableCheck::extra).sum()));
      LOG.info(b.toString());
      return report.consistent()
          ? ExitCode.OK
          : report.stopped() ? ExitCode.STOPPED : ExitCode.FAILED;
    }
  }
}
