package io.nimo.core.config;

import java.util.Locale;

/** {@code incr.on_trimmed}: what happens when a table's stream position is lost. */
public enum OnTrimmed {
  /** Stop that table's sync with an error. */
  STOP,
  /** Drop the table on the target, copy it again, then follow its stream from the new position. */
  RESYNC;

  /** The value as written in the conf file. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
