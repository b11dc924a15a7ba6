package io.nimo.cli;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;

/**
 * How a tool logs, read once from its conf.
 *
 * @param level {@code log.level}
 * @param file {@code log.file}: the file under {@code logs/}, empty for the tool's own name
 * @param buffered {@code log.buffer}
 */
record LogSettings(String level, String file, boolean buffered) {
  static LogSettings from(Configuration c) {
    return new LogSettings(
        c.get(ShakeOptions.LOG_LEVEL),
        c.get(ShakeOptions.LOG_FILE),
        c.get(ShakeOptions.LOG_BUFFER));
  }
}
