package io.nimo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {

  @AfterEach
  void reset() {
    LogSetup.apply("logsetup-reset", "none", "", false);
  }

  @Test
  void writesLogsToolLogByDefault() throws Exception {
    Path file = Path.of("logs", "logsetup-default.log");
    Files.deleteIfExists(file);
    LogSetup.apply("logsetup-default", "info", "", false);
    LoggerFactory.getLogger("io.nimo.test").info("hello from the default log file");
    assertThat(Files.readString(file))
        .contains("[INFO]")
        .contains("hello from the default log file");
  }

  @Test
  void logLevelNoneWritesNothing() throws Exception {
    Path file = Path.of("logs", "logsetup-none.log");
    Files.deleteIfExists(file);
    LogSetup.apply("logsetup-none", "none", "", true);
    LoggerFactory.getLogger("io.nimo.test").error("must not appear");
    assertThat(file).doesNotExist();
  }

  @Test
  void theConsoleGetsOneLinePerErrorAndTheStackTraceGoesToTheFileOnly() throws Exception {
    Path file = Path.of("logs", "logsetup-trace.log");
    Files.deleteIfExists(file);
    java.io.PrintStream console = System.out;
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(seen, true));
    try {
      LogSetup.apply("logsetup-trace", "info", "", false);
      LoggerFactory.getLogger("io.nimo.test")
          .error("target unreachable", new java.net.ConnectException("Connection refused"));
    } finally {
      LogSetup.apply("logsetup-reset", "none", "", false);
      System.setOut(console);
    }
    assertThat(seen.toString()).contains("target unreachable").doesNotContain("\tat ");
    assertThat(seen.toString().lines()).hasSize(1);
    assertThat(Files.readString(file))
        .contains("java.net.ConnectException: Connection refused")
        .contains("\tat ");
  }
}
