package io.nimo.core.config;

import java.time.Duration;
import java.util.Locale;

/** Parses durations written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601. */
final class Durations {
  /** The text of a duration left to nimo ({@link ConfigOption#durationOrAuto}). */
  static final String AUTO = "auto";

  private Durations() {}

  static java.util.Optional<Duration> parseOrAuto(String text) {
    return text.trim().equalsIgnoreCase(AUTO)
        ? java.util.Optional.empty()
        : java.util.Optional.of(parse(text));
  }

  static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("expected a number followed by ms, s, m or h");
    }
    long n = Long.parseLong(s.substring(0, i));
    return switch (s.substring(i).trim()) {
      case "ms" -> Duration.ofMillis(n);
      case "s", "" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("unknown unit '" + s.substring(i) + "'");
    };
  }

  static String format(Object value) {
    if (value instanceof java.util.Optional<?> o) {
      return o.isEmpty() ? AUTO : format(o.get());
    }
    if (!(value instanceof Duration d)) {
      return String.valueOf(value);
    }
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long seconds = d.getSeconds();
    if (seconds % 3600 == 0 && seconds > 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
