package io.nimo.backsync.config;

/** Bad or contradictory configuration, found before the job starts; the message names the key. */
public final class BackSyncConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A configuration error.
   *
   * @param message what is wrong, naming the key or argument
   */
  public BackSyncConfigException(String message) {
    super(message);
  }
}
