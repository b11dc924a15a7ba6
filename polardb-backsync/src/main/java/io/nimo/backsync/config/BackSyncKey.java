package io.nimo.backsync.config;

import java.util.function.Function;

/**
 * One {@code application.yaml} key, declared once: its dotted name, default, documentation and
 * parser (which validates and names the key in its error).
 *
 * @param <T> the value type
 */
public final class BackSyncKey<T> {
  private final String name;
  private final String defaultText;
  private final String doc;
  private final Function<String, T> parser;

  BackSyncKey(String name, String defaultText, String doc, Function<String, T> parser) {
    this.name = name;
    this.defaultText = defaultText;
    this.doc = doc;
    this.parser = parser;
  }

  /**
   * The dotted key, as nested YAML maps spell it ({@code source.slotName}).
   *
   * @return the key
   */
  public String name() {
    return name;
  }

  /**
   * The default as text; empty when there is none (the key is then required or optional).
   *
   * @return the default
   */
  public String defaultText() {
    return defaultText;
  }

  /**
   * What the key does.
   *
   * @return the documentation
   */
  public String doc() {
    return doc;
  }

  T parse(String text) {
    try {
      return parser.apply(text);
    } catch (BackSyncConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BackSyncConfigException(name + ": invalid value '" + text + "': " + e.getMessage());
    }
  }
}
