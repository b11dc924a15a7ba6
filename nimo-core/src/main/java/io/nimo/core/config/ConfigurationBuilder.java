package io.nimo.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Configuration} in code, with the same keys, defaults and validation as a conf
 * file: {@code Configuration.builder(ShakeOptions.ALL).set(SourceOptions.QPS_FULL, 500).build()}.
 */
public final class ConfigurationBuilder {
  private final List<ConfigOption<?>> declared;
  private final Map<String, String> raw = new LinkedHashMap<>();

  ConfigurationBuilder(List<ConfigOption<?>> declared) {
    this.declared = declared;
  }

  /**
   * Sets a typed value.
   *
   * @param <T> the value type
   * @return this builder
   */
  public <T> ConfigurationBuilder set(ConfigOption<T> option, T value) {
    raw.put(option.key(), Durations.format(value));
    return this;
  }

  /**
   * Sets a value by key, as it would appear in a conf file.
   *
   * @param key the conf key
   * @return this builder
   */
  public ConfigurationBuilder set(String key, String value) {
    raw.put(key, value);
    return this;
  }

  /**
   * Adds every pair, e.g. from {@link ConfigLoader#readRaw}.
   *
   * @return this builder
   */
  public ConfigurationBuilder setAll(Map<String, String> values) {
    raw.putAll(values);
    return this;
  }

  /**
   * Validates and builds.
   *
   * @throws ConfigException naming the first offending key
   * @return the checked configuration
   */
  public Configuration build() {
    return Configuration.of(declared, raw);
  }
}
