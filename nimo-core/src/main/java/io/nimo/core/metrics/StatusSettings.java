package io.nimo.core.metrics;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;

/**
 * Where a sync serves its status, read once: a port of {@code -1} serves nothing there.
 *
 * @param bind {@code http.bind_address}: the address every endpoint listens on (127.0.0.1 by
 *     default)
 * @param fullPort {@code full_sync.http_port}: {@code /progress} and {@code /metrics}
 * @param incrPort {@code incr_sync.http_port}: {@code /metric} and {@code /metrics}, when the job
 *     follows streams
 * @param diagnosticsPort {@code system_profile}: thread dump, memory and queues
 */
public record StatusSettings(String bind, int fullPort, int incrPort, int diagnosticsPort) {

  /**
   * The status keys of a nimo-shake configuration; {@code incrPort} is {@code -1} when its {@code
   * sync_mode} follows no stream.
   *
   * @param c the configuration
   * @return the settings
   */
  public static StatusSettings from(Configuration c) {
    return new StatusSettings(
        c.get(ShakeOptions.HTTP_BIND),
        c.get(ShakeOptions.FULL_HTTP_PORT),
        c.get(ShakeOptions.SYNC_MODE).follows() ? c.get(ShakeOptions.INCR_HTTP_PORT) : -1,
        c.get(ShakeOptions.SYSTEM_PROFILE));
  }
}
