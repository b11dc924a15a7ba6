package io.nimo.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks of the address keys when a configuration is loaded, so that a typo is one line naming the
 * key before anything runs (not a {@code URISyntaxException} per table later, nor a resumed run
 * that never reaches the endpoint). Credentials in an address are masked in the message.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * Requires an {@code http://} or {@code https://} URL with a host (and, if given, a valid port).
   *
   * @param key the conf key, for the message
   * @param value the address
   * @throws ConfigException naming {@code key} when it is not such a URL
   */
  public static void requireHttpUrl(String key, String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw invalid(key, value, e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(key, value, "it must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw invalid(key, value, "it has no host name");
    }
  }

  /**
   * A validator for an optional http(s) URL: empty is accepted.
   *
   * @return the validator
   */
  public static ConfigOption.Validator<String> optionalHttpUrl() {
    return (key, value) -> {
      if (value != null && !value.isBlank()) {
        requireHttpUrl(key, value);
      }
    };
  }

  private static ConfigException invalid(String key, String value, String why) {
    return new ConfigException(
        key,
        "'"
            + Secrets.maskUrlCredentials(value)
            + "' is not a valid endpoint URL ("
            + why
            + "); write it as http://host:port or https://host");
  }
}
