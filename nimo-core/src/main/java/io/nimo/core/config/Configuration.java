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
  private final List<String> unused;

  private Configuration(
      List<ConfigOption<?>> declared,
      Map<String, Object> values,
      Map<String, Boolean> explicit,
      List<String> unused) {
    this.declared = List.copyOf(declared);
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.explicit = Map.copyOf(explicit);
    this.unused = List.copyOf(unused);
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
    return of(declared, raw, List.of());
  }

  /**
   * Like {@link #of(List, Map)}, but keys of {@code tolerated} (another tool's options, e.g. a
   * nimo-shake.conf copied as nimo-full-check.conf) are accepted when valid and reported by {@link
   * #unusedKeys()} instead of rejected. Guide spellings ({@link ConfigAliases}) are accepted too.
   *
   * @throws ConfigException naming the first offending key
   * @param declared the options this tool reads
   * @param raw the text as written in the conf file
   * @param tolerated options this tool accepts but does not read
   * @return the checked configuration
   */
  public static Configuration of(
      List<ConfigOption<?>> declared, Map<String, String> raw, List<ConfigOption<?>> tolerated) {
    raw = ConfigAliases.canonical(raw);
    Map<String, ConfigOption<?>> byKey = new LinkedHashMap<>();
    declared.forEach(o -> byKey.put(o.key(), o));
    Map<String, ConfigOption<?>> others = new LinkedHashMap<>();
    tolerated.forEach(o -> others.put(o.key(), o));
    List<String> unused = new java.util.ArrayList<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String key = e.getKey();
      if (byKey.containsKey(key)) {
        continue;
      }
      ConfigOption<?> other = others.get(key);
      if (other == null) {
        throw new ConfigException(
            key, "unknown key (check its spelling; see --help for every key)");
      }
      other.parse(e.getValue());
      unused.add(key);
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
    return new Configuration(declared, values, explicit, unused);
  }

  /**
   * Keys the file set that belong to another tool and that this tool does not read.
   *
   * @return those keys, in file order
   */
  public List<String> unusedKeys() {
    return unused;
  }

  /**
   * A builder for configurations in code, over the given declared options.
   *
   * @param declared the declared options
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
   */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigOption<T> option) {
    if (!values.containsKey(option.key())) {
      throw new IllegalArgumentException(
          "option " + option.key() + " is not declared for this tool");
    }
    return (T) values.get(option.key());
  }

  /** Whether the option was set explicitly rather than defaulted. */
  public boolean isSet(ConfigOption<?> option) {
    return explicit.containsKey(option.key());
  }

  /**
   * A copy with some values replaced (raw text, validated as usual).
   *
   * @param overrides values that replace the file's
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

  /** The options this configuration was checked against. */
  public List<ConfigOption<?>> declared() {
    return declared;
  }

  /** Every key with its effective value, secrets masked: safe to log or serve. */
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
