package io.nimo.core.config;

import java.util.regex.Pattern;

/** Masks credentials embedded in connection strings ({@code scheme://user:password@host}). */
public final class Secrets {
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?<=://)([^/@:\\s]+):([^/@\\s]+)@");

  private Secrets() {}

  /**
   * Replaces the password of any {@code scheme://user:password@host} in {@code text} with {@code
   * ***}.
   *
   * @return the text with URL passwords masked
   */
  public static String maskUrlCredentials(String text) {
    return URL_CREDENTIALS.matcher(text).replaceAll("$1:******@");
  }
}
