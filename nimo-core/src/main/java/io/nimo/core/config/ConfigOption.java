package io.nimo.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One declared configuration key: its name, type, default, documentation and validator. Options are
 * declared once (see {@code ShakeOptions}); the loader, the shipped conf file, {@code --help} and
 * the masked effective-config log are all derived from these declarations.
 *
 * @param <T> the parsed value type
 */
public record ConfigOption<T>(
    String key,
    String type,
    T defaultValue,
    String doc,
    Function<String, T> parser,
    Validator<T> validator,
    boolean secret) {

  /** Checks a parsed value; throws {@link ConfigException} naming the key when it is invalid. */
  @FunctionalInterface
  public interface Validator<T> {
    /**
     * Throws {@link ConfigException} naming {@code key} if {@code value} is not acceptable.
     *
     * @param key the conf key
     */
    void ensureValid(String key, T value);

    /**
     * A validator that accepts everything.
     *
     * @param <T> the value type
     */
    static <T> Validator<T> none() {
      return (k, v) -> {};
    }
  }

  /**
   * Checks that key, type and parser are present.
   *
   * @param key the conf key
   * @param type the type name
   * @param defaultValue the value when the key is absent
   * @param doc what the option does (shown in the conf file and --help)
   * @param parser turns the text into a value
   * @param validator the check
   * @param secret whether the value is masked in logs
   */
  public ConfigOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(doc, "doc");
  }

  /**
   * A string option.
   *
   * @param key the conf key
   * @param defaultValue the value when the key is absent
   * @param doc what the option does (shown in the conf file and --help)
   */
  public static ConfigOption<String> string(String key, String defaultValue, String doc) {
    return new ConfigOption<>(key, "string", defaultValue, doc, s -> s, Validator.none(), false);
  }

  /**
   * A boolean option ({@code true}/{@code false}).
   *
   * @param key the conf key
   * @param defaultValue the value when the key is absent
   * @param doc what the option does (shown in the conf file and --help)
   */
  public static ConfigOption<Boolean> bool(String key, boolean defaultValue, String doc) {
    return new ConfigOption<>(
        key, "bool", defaultValue, doc, ConfigOption::parseBool, Validator.none(), false);
  }

  /**
   * An integer option.
   *
   * @param key the conf key
   * @param defaultValue the value when the key is absent
   * @param doc what the option does (shown in the conf file and --help)
   */
  public static ConfigOption<Integer> integer(String key, int defaultValue, String doc) {
    return new ConfigOption<>(
        key, "int", defaultValue, doc, Integer::valueOf, Validator.none(), false);
  }

  /**
   * A duration option ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601).
   *
   * @param key the conf key
   * @param defaultValue the value when the key is absent
   * @param doc what the option does (shown in the conf file and --help)
   */
  public static ConfigOption<java.time.Duration> duration(
      String key, java.time.Duration defaultValue, String doc) {
    return new ConfigOption<>(
        key, "duration", defaultValue, doc, Durations::parse, Validator.none(), false);
  }

  /**
   * A duration, or {@code auto} (empty) for a value nimo chooses from what it finds at run time.
   *
   * @param key the conf key
   * @param doc what the option does, including what {@code auto} chooses
   */
  public static ConfigOption<java.util.Optional<java.time.Duration>> durationOrAuto(
      String key, String doc) {
    return new ConfigOption<>(
        key,
        "duration|auto",
        java.util.Optional.empty(),
        doc,
        Durations::parseOrAuto,
        Validator.none(),
        false);
  }

  /**
   * A string restricted to the given values (compared case-insensitively, stored lower-case).
   *
   * @param key the conf key
   * @param defaultValue the value when the key is absent
   * @param doc what the option does (shown in the conf file and --help)
   * @param allowed the accepted values
   */
  public static ConfigOption<String> oneOf(
      String key, String defaultValue, String doc, String... allowed) {
    List<String> values = Arrays.asList(allowed);
    Validator<String> v =
        (k, value) -> {
          if (!values.contains(value)) {
            throw new ConfigException(k, "'" + value + "' is not one of " + describe(values));
          }
        };
    return new ConfigOption<>(
        key, "enum", defaultValue, doc, s -> s.toLowerCase(Locale.ROOT), v, false);
  }

  /**
   * An option whose values are the constants of an enum, each written in the conf file as its
   * {@code toString()} (read case-insensitively); an empty value is the default unless a constant
   * is spelt empty; a value that is none of them is refused with the list.
   *
   * @param key the conf key
   * @param defaultValue the value when the key is absent (its enum gives the choices)
   * @param doc what the option does (shown in the conf file and --help)
   * @param <E> the enum
   * @return the option
   */
  public static <E extends Enum<E>> ConfigOption<E> choice(String key, E defaultValue, String doc) {
    E[] constants = defaultValue.getDeclaringClass().getEnumConstants();
    List<String> names = Arrays.stream(constants).map(E::toString).toList();
    java.util.function.Function<String, E> parser =
        s -> {
          for (E e : constants) {
            if (e.toString().equalsIgnoreCase(s.trim())) {
              return e;
            }
          }
          if (s.isBlank()) {
            return defaultValue;
          }
          throw new ConfigException(key, "'" + s + "' is not one of " + describe(names));
        };
    return new ConfigOption<>(key, "enum", defaultValue, doc, parser, Validator.none(), false);
  }

  /**
   * This option with an integer range check.
   *
   * @param min the smallest allowed value
   * @param max the largest allowed value
   */
  @SuppressWarnings("unchecked")
  public ConfigOption<T> between(int min, int max) {
    Validator<T> range =
        (k, value) -> {
          int n = (Integer) value;
          if (n < min || n > max) {
            throw new ConfigException(k, n + " is out of range [" + min + ", " + max + "]");
          }
        };
    return withValidator(range);
  }

  /** This option, additionally requiring a non-empty value. */
  public ConfigOption<T> required() {
    return withValidator(
        (k, value) -> {
          if (value == null || value.toString().isBlank()) {
            throw new ConfigException(k, "is required but empty");
          }
        });
  }

  /** This option with its value masked in logs, endpoints and dumps. */
  public ConfigOption<T> asSecret() {
    return new ConfigOption<>(key, type, defaultValue, doc, parser, validator, true);
  }

  /**
   * This option with another validator run after the current ones.
   *
   * @param extra the extra check
   */
  public ConfigOption<T> withValidator(Validator<T> extra) {
    Validator<T> first = validator;
    Validator<T> both =
        (k, v) -> {
          first.ensureValid(k, v);
          extra.ensureValid(k, v);
        };
    return new ConfigOption<>(key, type, defaultValue, doc, parser, both, secret);
  }

  /**
   * Parses and validates a raw value from a file or a map.
   *
   * @param raw the text as written in the conf file
   * @return the parsed value
   */
  public T parse(String raw) {
    T value;
    try {
      value = parser.apply(raw.trim());
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigException(
          key, "cannot parse '" + raw + "' as " + type + " (" + e.getMessage() + ")");
    }
    validator.ensureValid(key, value);
    return value;
  }

  /** The default rendered as it appears in a conf file. */
  public String defaultText() {
    return defaultValue == null ? "" : Durations.format(defaultValue);
  }

  private static Boolean parseBool(String s) {
    String v = s.toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("1")) {
      return true;
    }
    if (v.equals("false") || v.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false");
  }

  private static String describe(List<String> values) {
    return values.stream().map(v -> v.isEmpty() ? "\"\" (empty)" : v).toList().toString();
  }
}
