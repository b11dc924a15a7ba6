package io.nimo.core.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The live status page served at {@code /} of the status ports to browsers: one self-contained HTML
 * file (inline CSS and script, no external request, so an offline host can show it) that polls the
 * port's own JSON routes ({@code /progress}, {@code /metric}) every 2 s and draws every table's
 * progress bar, rate and ETA, and each table's incremental lag over time.
 */
final class StatusPage {
  private StatusPage() {}

  static String html() {
    try (InputStream in = StatusPage.class.getResourceAsStream("status.html")) {
      if (in == null) {
        throw new IllegalStateException("status.html is missing from nimo-core's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
