package io.nimo.core.config;

import java.util.Locale;

/** {@code incr.start_position}: where a first {@code sync_mode = incr} run starts the streams. */
public enum StartPosition {
  /** Every retained change (up to 24 h). */
  TRIM_HORIZON,
  /** Changes from now on. */
  LATEST;

  /** The value as written in the conf file. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
