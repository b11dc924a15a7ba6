package io.nimo.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, validated set of option values for one tool. Values not given explicitly take the
 * option's default. Build one with {@link ConfigLoader} (from a conf file) or {@link #of}.
 */
public final class Configuration {
  private final List<ConfigOption<?>> declared;
  private final Map<String, Object> values;
  private final Map<String, Boolean> explicit;

  private Configuration(
      List<ConfigOption<?>> declared, Map<String, Object> values, Map<String, Boolean> explicit) {
    this.declared = List.copyOf(declared);
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.explicit = Map.copyOf(explicit);
  }

  /**
   * Parses and validates raw values against the declared options. Unknown keys are rejected.
   *
   * @throws ConfigException naming the first offending key
   * @param declared the declared options
   * @param raw the text as written in the conf file
   * @return the checked configuration
   */
  public static Configuration of(List<ConfigOption<?>> declared, Map<String, String> raw) {
    Map<String, ConfigOption<?>> byKey = new LinkedHashMap<>();
    declared.forEach(o -> byKey.put(o.key(), o));
    for (String key : raw.keySet()) {
      if (!byKey.containsKey(key)) {
        throw new ConfigException(
            key, "unknown key (check its spelling; see --help for every key)");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Boolean> explicit = new LinkedHashMap<>();
    for (ConfigOption<?> option : declared) {
      String text = raw.get(option.key());
      if (text == null) {
        values.put(option.key(), option.defaultValue());
        if (option.defaultValue() != null) {
          validateDefault(option);
        }
      } else {
        values.put(option.key(), option.parse(text));
        explicit.put(option.key(), true);
      }
    }
    return new Configuration(declared, values, explicit);
  }

  /**
   * A builder for configurations in code, over the given declared options.
   *
   * @param declared the declared options
   * @return a builder for configurations in code, over the given declared options
   */
  public static ConfigurationBuilder builder(List<ConfigOption<?>> declared) {
    return new ConfigurationBuilder(declared);
  }

  @SuppressWarnings("unchecked")
  private static <T> void validateDefault(ConfigOption<T> option) {
    option.validator().ensureValid(option.key(), (T) option.defaultValue());
  }

  /**
   * The value of a declared option (its default when not set).
   *
   * @param <T> the value type
   * @param option the option
   * @return the value of a declared option (its default when not set)
   */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigOption<T> option) {
    if (!values.containsKey(option.key())) {
      throw new IllegalArgumentException(
          "option " + option.key() + " is not declared for this tool");
    }
    return (T) values.get(option.key());
  }

  /**
   * Whether the option was set explicitly rather than defaulted.
   *
   * @param option the option
   * @return whether the option was set explicitly rather than defaulted
   */
  public boolean isSet(ConfigOption<?> option) {
    return explicit.containsKey(option.key());
  }

  /**
   * A copy with some values replaced (raw text, validated as usual).
   *
   * @param overrides values that replace the file's
   * @return a copy with some values replaced (raw text, validated as usual)
   */
  public Configuration with(Map<String, String> overrides) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (ConfigOption<?> o : declared) {
      if (explicit.containsKey(o.key())) {
        raw.put(o.key(), Durations.format(values.get(o.key())));
      }
    }
    raw.putAll(overrides);
    return of(declared, raw);
  }

  /**
   * The options this configuration was checked against.
   *
   * @return the options this configuration was checked against
   */
  public List<ConfigOption<?>> declared() {
    return declared;
  }

  /**
   * Every key with its effective value, secrets masked: safe to log or serve.
   *
   * @return every key with its effective value, secrets masked: safe to log or serve
   */
  public Map<String, String> masked() {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigOption<?> o : declared) {
      Object v = values.get(o.key());
      String text = v == null ? "" : Durations.format(v);
      out.put(o.key(), o.secret() && !text.isEmpty() ? "******" : Secrets.maskUrlCredentials(text));
    }
    return out;
  }

  @Override
  public String toString() {
    return masked().toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Configuration c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }
}
