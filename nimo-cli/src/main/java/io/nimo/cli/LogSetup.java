package io.nimo.cli;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/** Configures log4j2 from {@code log.file}, {@code log.level} and {@code log.buffer}. */
public final class LogSetup {
  private static final String PATTERN = "[%d{yyyy/MM/dd HH:mm:ss}] [%level] [%t] %msg%n%throwable";

  /** The console gets one line per event: stack traces go to the log file only. */
  private static final String CONSOLE_PATTERN = "[%d{yyyy/MM/dd HH:mm:ss}] [%level] [%t] %msg%n";

  private LogSetup() {}

  /**
   * Logs to the console and to {@code logs/<file>} ({@code logs/<tool>.log} when {@code file} is
   * empty), rolled by size, so a tool started with its output discarded still leaves a record.
   * {@code log.level = none} turns both off.
   *
   * @param tool the tool's name, which names the default log file
   * @param level the {@code log.level}
   * @param file the {@code log.file}, or empty
   * @param buffered the {@code log.buffer}
   */
  public static void apply(String tool, String level, String file, boolean buffered) {
    apply(tool, level, file, buffered, false);
  }

  /**
   * As {@link #apply(String, String, String, boolean)}; with {@code quietConsole} the console gets
   * warnings and errors only (a terminal shows a {@link LiveProgress} line instead).
   *
   * @param tool the tool's name, which names the default log file
   * @param level the {@code log.level}
   * @param file the {@code log.file}, or empty
   * @param buffered the {@code log.buffer}
   * @param quietConsole whether info lines go to the log file only
   */
  public static void apply(
      String tool, String level, String file, boolean buffered, boolean quietConsole) {
    ConfigurationBuilder<BuiltConfiguration> b =
        ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setStatusLevel(Level.ERROR).setConfigurationName("nimo");
    b.add(
        b.newAppender("console", "Console")
            .addAttribute("target", ConsoleAppender.Target.SYSTEM_OUT)
            .addAttribute("follow", true)
            .add(
                b.newLayout("PatternLayout")
                    .addAttribute("pattern", CONSOLE_PATTERN)
                    .addAttribute("alwaysWriteExceptions", false))
            .add(
                b.newFilter(
                        "ThresholdFilter",
                        org.apache.logging.log4j.core.Filter.Result.ACCEPT,
                        org.apache.logging.log4j.core.Filter.Result.DENY)
                    .addAttribute("level", quietConsole ? Level.WARN : Level.ALL)));
    Level lvl = toLevel(level);
    RootLoggerComponentBuilder root =
        b.newRootLogger(lvl == Level.OFF ? Level.OFF : Level.WARN).add(b.newAppenderRef("console"));
    if (lvl != Level.OFF) {
      Path path = Path.of("logs").resolve(file.isBlank() ? tool + ".log" : file);
      AppenderComponentBuilder rolling =
          b.newAppender("file", "RollingFile")
              .addAttribute("fileName", path.toString())
              .addAttribute("filePattern", path + ".%i")
              .addAttribute("bufferedIO", buffered)
              .addAttribute("immediateFlush", !buffered)
              .add(b.newLayout("PatternLayout").addAttribute("pattern", PATTERN))
              .addComponent(
                  b.newComponent("SizeBasedTriggeringPolicy").addAttribute("size", "500MB"))
              .addComponent(b.newComponent("DefaultRolloverStrategy").addAttribute("max", 100));
      b.add(rolling);
      if (buffered) {
        // batches of lines through a background thread, flushed whenever its queue runs empty:
        // fast under load, and nothing is held back while the tool is quiet
        b.add(b.newAppender("async", "Async").addComponent(b.newAppenderRef("file")));
        root.add(b.newAppenderRef("async"));
      } else {
        root.add(b.newAppenderRef("file"));
      }
    }
    b.add(root);
    b.add(b.newLogger("io.nimo", lvl).addAttribute("additivity", true));
    Level quiet = lvl == Level.OFF ? Level.OFF : Level.WARN;
    b.add(b.newLogger("software.amazon.awssdk", lvl == Level.DEBUG ? Level.INFO : quiet));
    b.add(b.newLogger("org.apache.http", quiet));
    Configurator.reconfigure(b.build());
  }

  private static Level toLevel(String level) {
    return switch (level) {
      case "none" -> Level.OFF;
      case "debug" -> Level.DEBUG;
      case "warn", "warning" -> Level.WARN;
      case "error" -> Level.ERROR;
      default -> Level.INFO;
    };
  }
}
