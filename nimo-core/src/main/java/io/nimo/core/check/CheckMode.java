package io.nimo.core.check;

/** What a check compares ({@code mode} in nimo-full-check.conf). */
public enum CheckMode {
  /** Every item of every selected table; records an epoch for a later {@link #CHANGED} check. */
  FULL,
  /** Only the keys changed on the source since the last usable epoch, read from the stream. */
  CHANGED;

  /**
   * The mode a {@code mode} value names.
   *
   * @param value {@code full} or {@code changed}
   * @return the mode
   */
  public static CheckMode of(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
