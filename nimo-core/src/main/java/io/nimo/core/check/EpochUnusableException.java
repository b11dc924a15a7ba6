package io.nimo.core.check;

import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.ConfigException;

/**
 * A {@code mode = changed} check cannot be sound for a table: no usable epoch, one older than the
 * stream's retention, a stream replaced or trimmed since. The tools exit 2 with the reason; the
 * remedy is a full check.
 */
public final class EpochUnusableException extends ConfigException {
  /** What is wrong and what to run, without the key. */
  private final String reason;

  /**
   * A refusal with its reason.
   *
   * @param reason what is wrong and what to run
   */
  public EpochUnusableException(String reason) {
    super(CheckOptions.MODE.key(), reason);
    this.reason = reason;
  }

  /**
   * The reason, without the key.
   *
   * @return what is wrong and what to run
   */
  public String reason() {
    return reason;
  }
}
