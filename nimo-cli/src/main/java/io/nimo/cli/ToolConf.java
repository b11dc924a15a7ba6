package io.nimo.cli;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ConfigLoader;
import io.nimo.core.config.ConfigOption;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * What nimo-shake, nimo-full-check and nimo-repair share: the command line, the conf file checked
 * against the tool's keys, the log setup, help, version and the exit codes of failures.
 */
public final class ToolConf {
  private final String tool;
  private final String summary;
  private final List<ConfigOption<?>> keys;
  private final List<ConfigOption<?>> tolerated;
  private final String exitCodes;
  private final Consumer<Configuration> checks;
  private ExitCode exitCode;
  private boolean planRequested;

  /**
   * A check tool's command-line handling: its keys, and nimo-shake's tolerated.
   *
   * @param tool the binary's name
   * @param summary one line on what it does
   * @param keys the keys its conf file declares
   * @param checks what can be judged without a network call, run when the conf is loaded
   */
  public ToolConf(
      String tool, String summary, List<ConfigOption<?>> keys, Consumer<Configuration> checks) {
    this(
        tool,
        summary,
        keys,
        ShakeOptions.ALL,
        "0 source and target agree, 1 differences remain or a table could not be processed, "
            + "2 bad config (nothing was contacted), 3 stopped by a signal, 5 an endpoint could not"
            + " be reached at start-up (preflight.timeout)",
        checks);
  }

  /**
   * A tool's command-line handling.
   *
   * @param tool the binary's name
   * @param summary one line on what it does
   * @param keys the keys its conf file declares
   * @param tolerated keys accepted but not read (another tool's)
   * @param exitCodes the help's line on exit codes
   * @param checks rules spanning several keys, run when the conf is loaded
   */
  public ToolConf(
      String tool,
      String summary,
      List<ConfigOption<?>> keys,
      List<ConfigOption<?>> tolerated,
      String exitCodes,
      Consumer<Configuration> checks) {
    this.tool = tool;
    this.summary = summary;
    this.keys = keys;
    this.tolerated = tolerated;
    this.exitCodes = exitCodes;
    this.checks = checks;
  }

  /** A tool's work once its conf is loaded. */
  @FunctionalInterface
  public interface Body {
    /**
     * Does the work.
     *
     * @param conf the checked conf
     * @return how it ended
     * @throws Exception a failure: {@link ExitCode#CONFIG} for a config error, else {@link
     *     ExitCode#FAILED}
     */
    ExitCode run(Configuration conf) throws Exception;
  }

  /**
   * Loads the conf (or prints help, version or the error), logs it with secrets masked, runs {@code
   * body} and turns its failures into exit codes.
   *
   * @param args the command line
   * @param out where help and version go
   * @param err where errors go
   * @param body the work
   * @return the exit status
   */
  public int execute(String[] args, PrintStream out, PrintStream err, Body body) {
    return execute(args, out, err, false, body);
  }

  /**
   * Like {@link #execute(String[], PrintStream, PrintStream, Body)}; {@code terminal} keeps the
   * console to warnings while a live progress line runs.
   *
   * @param args the command line
   * @param out where help and version go
   * @param err where errors go
   * @param terminal whether the console is a terminal with a live progress line
   * @param body the work
   * @return the exit status
   */
  public int execute(String[] args, PrintStream out, PrintStream err, boolean terminal, Body body) {
    return execute(args, out, err, terminal, body, null);
  }

  /**
   * Like {@link #execute(String[], PrintStream, PrintStream, boolean, Body)} for a tool that also
   * plans: {@code --plan} runs {@code plan} instead of {@code body}. Without a plan body, {@code
   * --plan} is an unknown argument.
   *
   * @param plan the plan (reads only), or {@code null} when the tool does not plan
   * @return the exit status
   */
  public int execute(
      String[] args, PrintStream out, PrintStream err, boolean terminal, Body body, Body plan) {
    Configuration conf = load(args, out, err, terminal, plan != null);
    if (conf == null) {
      return exitCode.code();
    }
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ToolConf.class);
    log.info(
        "{} {} starting; effective configuration (secrets masked): {}",
        tool,
        version(),
        conf.masked());
    try {
      return (planRequested ? plan : body).run(conf).code();
    } catch (ConfigException e) {
      log.error("configuration error: {}", e.getMessage());
      err.println(tool + ": " + e.getMessage());
      return ExitCode.CONFIG.code();
    } catch (Exception e) {
      log.error("{} failed: {}", tool, e.getMessage(), e);
      err.println(tool + ": " + e.getMessage());
      return ExitCode.FAILED.code();
    }
  }

  /**
   * Parses the command line and loads the conf; prints help or version, or the error.
   *
   * @param args the command line
   * @param out where help and version go
   * @param err where errors go
   * @return the checked conf, or {@code null} when the tool should exit (help, version, error: the
   *     code is in {@code exitCode})
   */
  private Configuration load(
      String[] args, PrintStream out, PrintStream err, boolean terminal, boolean plans) {
    try {
      CliArgs cli = CliArgs.parse(args, tool);
      if (cli.plan() && !plans) {
        throw new IllegalArgumentException("unknown argument '--plan' (" + tool + " has no plan)");
      }
      planRequested = cli.plan();
      if (cli.help()) {
        out.print(help());
        exitCode = ExitCode.OK;
        return null;
      }
      if (cli.version()) {
        out.println(tool + " " + version());
        exitCode = ExitCode.OK;
        return null;
      }
      Configuration conf = ConfigLoader.load(cli.conf(), keys, tolerated);
      checks.accept(conf);
      LogSettings log = LogSettings.from(conf);
      LogSetup.apply(tool, log.level(), log.file(), log.buffered(), terminal);
      org.slf4j.LoggerFactory.getLogger(ToolConf.class)
          .info("{} {}: conf {}", tool, version(), cli.conf().toAbsolutePath().normalize());
      if (!conf.unusedKeys().isEmpty()) {
        org.slf4j.LoggerFactory.getLogger(ToolConf.class)
            .info(
                "{} key(s) of nimo-shake.conf are accepted but not used by {}: {}",
                conf.unusedKeys().size(),
                tool,
                conf.unusedKeys());
      }
      return conf;
    } catch (IllegalArgumentException | ConfigException e) {
      StartupLog.record(tool, e.getMessage());
      err.println(tool + ": " + e.getMessage());
      err.println(
          "usage: "
              + tool
              + ".linux.amd64 -conf=./conf/"
              + tool
              + ".conf   (--help lists every key)");
      exitCode = ExitCode.CONFIG;
      return null;
    }
  }

  /**
   * The help text: usage, exit codes and every key.
   *
   * @return the text
   */
  public String help() {
    StringBuilder b =
        new StringBuilder(tool + " " + version() + " — " + summary + "\n\n")
            .append("usage: ")
            .append(tool)
            .append(".linux.amd64 -conf=./conf/")
            .append(tool)
            .append(".conf\n")
            .append("       (also --conf FILE, --help, --version)\n\n")
            .append("exit codes: ")
            .append(exitCodes)
            .append("\n\nkeys of ")
            .append(tool)
            .append(".conf:\n");
    for (ConfigOption<?> o : keys) {
      b.append(
          String.format(
              "  %-38s %-8s default '%s'%n      %s%n",
              o.key(), o.type(), o.defaultText(), o.doc()));
    }
    return b.toString();
  }

  /**
   * The tool's version.
   *
   * @return the jar's implementation version, or {@code dev}
   */
  public static String version() {
    String v = ToolConf.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
