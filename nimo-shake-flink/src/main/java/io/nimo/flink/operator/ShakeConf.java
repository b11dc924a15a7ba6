package io.nimo.flink.operator;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ConfigLoader;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A nimo-shake.conf as it travels with the job graph to every TaskManager: the pairs as written,
 * resolved ({@code ${env:NAME}}) and checked into a {@link Configuration} wherever an operator
 * opens its endpoints. A secret given as a reference thus never travels in the job graph or shows
 * on Flink's web UI: the variable must be set where the job runs (JobManager and TaskManagers).
 * Secrets in it are never logged ({@link #toString()} masks them).
 *
 * @param raw the conf's pairs as written
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
    return Configuration.of(ShakeOptions.ALL, ConfigLoader.resolve(raw));
  }

  @Override
  public String toString() {
    try {
      return "ShakeConf" + configuration().masked();
    } catch (ConfigException e) {
      return "ShakeConf" + raw.keySet();
    }
  }
}
