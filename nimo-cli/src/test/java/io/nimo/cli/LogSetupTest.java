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
}
