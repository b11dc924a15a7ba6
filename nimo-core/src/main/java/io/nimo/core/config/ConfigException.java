package io.nimo.core.config;

/** A configuration problem, reported before anything is touched. The message names the key. */
public class ConfigException extends RuntimeException {
  /** The offending key. */
  private final String key;

  /**
   * A problem with the value of {@code key}; the message names the key.
   *
   * @param key the conf key
   * @param message what went wrong
   */
  public ConfigException(String key, String message) {
    super(key == null ? message : key + ": " + message);
    this.key = key;
  }

  /** The offending key, or {@code null} for a problem that spans several keys or the file. */
  public String key() {
    return key;
  }
}
