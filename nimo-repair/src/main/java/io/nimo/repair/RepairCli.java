package io.nimo.repair;

import io.nimo.cli.ExitCode;
import io.nimo.cli.StartupProbes;
import io.nimo.cli.ToolConf;
import io.nimo.core.check.RepairJob;
import io.nimo.core.check.RepairRequest;
import io.nimo.core.check.TableRepair;
import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.Configuration;
import io.nimo.core.sync.ConfValidator;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nimo-repair command: fixes on the target what nimo-full-check's diff report lists, reading
 * each key again from the source. A thin wrapper over {@link RepairJob}.
 */
final class RepairCli {
  static final String TOOL = "nimo-repair";
  private static final Logger LOG = LoggerFactory.getLogger(RepairCli.class);
  private final PrintStream out;
  private final PrintStream err;
  private final ToolConf tool =
      new ToolConf(
          TOOL,
          "fix on the target what nimo-full-check reported",
          CheckOptions.REPAIR,
          conf -> ConfValidator.check(CheckOptions.asShakeConfiguration(conf)));

  RepairCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    return tool.execute(args, out, err, this::repair);
  }

  private ExitCode repair(Configuration conf) {
    Configuration shake = CheckOptions.asShakeConfiguration(conf);
    if (!StartupProbes.pass(TOOL, shake, false, err)) {
      return ExitCode.UNREACHABLE;
    }
    try (RepairJob repair = RepairJob.builder(shake).request(RepairRequest.from(conf)).build()) {
      List<TableRepair> tables = repair.run();
      StringBuilder b = new StringBuilder("\n==== nimo-repair summary\n");
      for (TableRepair t : tables) {
        b.append(
            String.format(
                "  %-24s listed=%d written=%d deleted=%d unresolved=%d%s%s%n",
                t.table(),
                t.listed(),
                t.written(),
                t.deleted(),
                t.unresolved(),
                t.readAgain() == 0
                    ? ""
                    : " read_again=" + t.readAgain() + " (the target's reads lagged its writes)",
                t.error() == null ? "" : " error=" + t.error()));
      }
      b.append(
          String.format(
              "  TOTAL %d table(s): listed=%d written=%d deleted=%d unresolved=%d read_again=%d%n",
              tables.size(),
              tables.stream().mapToLong(TableRepair::listed).sum(),
              tables.stream().mapToLong(TableRepair::written).sum(),
              tables.stream().mapToLong(TableRepair::deleted).sum(),
              tables.stream().mapToLong(TableRepair::unresolved).sum(),
              tables.stream().mapToLong(TableRepair::readAgain).sum()));
      LOG.info(b.toString());
      return tables.stream().allMatch(TableRepair::complete) ? ExitCode.OK : ExitCode.FAILED;
    }
  }
}
