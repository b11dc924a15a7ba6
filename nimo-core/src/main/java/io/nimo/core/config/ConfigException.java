package io.nimo.core.config;

/** A configuration problem, reported before anything is touched. The message names the key. */
public class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String message) {
    super(key == null ? message : key + ": " + message);
    this.key = key;
  }

  /** The offending key, or {@code null} for a problem that spans several keys or the file. */
  public String key() {
    return key;
  }
}
