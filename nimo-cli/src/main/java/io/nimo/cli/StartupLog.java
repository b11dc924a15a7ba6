package io.nimo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Records why a tool could not start (bad flags, a bad conf, a locked pid file) in {@code
 * logs/<tool>.log} too, since logging is not set up yet and the guides start the tools with their
 * output sent to /dev/null. Best effort: a log that cannot be written never hides the real error.
 */
public final class StartupLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

  private StartupLog() {}

  /**
   * Appends one ERROR line to {@code logs/<tool>.log} under the working directory.
   *
   * @param tool the tool's name
   * @param message why it did not start
   */
  public static void record(String tool, String message) {
    Path file = Path.of("logs", tool + ".log");
    String line =
        "["
            + LocalDateTime.now().format(TIME)
            + "] [ERROR] [main] "
            + tool
            + " did not start: "
            + message
            + System.lineSeparator();
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException e) {
      // the message still reaches stderr
    }
  }
}
