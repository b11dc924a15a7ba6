package io.nimo.core.config;

import java.util.Locale;

/** {@code sync_mode}: which phases a nimo-shake run goes through. */
public enum SyncMode {
  /** Copy every table, then exit. */
  FULL,
  /** Follow the streams only, from {@code incr.start_position}. */
  INCR,
  /** Copy every table, then follow the streams until stopped. */
  ALL;

  /**
   * Whether the run copies the tables.
   *
   * @return {@code true} for {@link #FULL} and {@link #ALL}
   */
  public boolean copies() {
    return this != INCR;
  }

  /**
   * Whether the run follows the streams.
   *
   * @return {@code true} for {@link #INCR} and {@link #ALL}
   */
  public boolean follows() {
    return this != FULL;
  }

  /** The value as written in the conf file. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
