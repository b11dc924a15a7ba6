package io.nimo.flink.operator;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A nimo-shake.conf as it travels with the job graph to every TaskManager: the raw key/value pairs,
 * checked again into a {@link Configuration} wherever an operator opens its endpoints. Secrets in
 * it are never logged ({@link #toString()} masks them).
 *
 * @param raw the conf file's pairs
 */
public record ShakeConf(Map<String, String> raw) implements Serializable {

  /**
   * Copies the pairs into a serializable map.
   *
   * @param raw the pairs
   */
  public ShakeConf {
    raw = new LinkedHashMap<>(raw);
  }

  /**
   * The checked configuration.
   *
   * @return the configuration
   */
  public Configuration configuration() {
    return Configuration.of(ShakeOptions.ALL, raw);
  }

  @Override
  public String toString() {
    return "ShakeConf" + configuration().masked();
  }
}
