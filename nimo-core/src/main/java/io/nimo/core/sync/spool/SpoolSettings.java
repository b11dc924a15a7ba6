package io.nimo.core.sync.spool;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.IncrSyncOptions;
import io.nimo.core.config.ShakeOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and when the streams are spooled during a long full sync, read once from the configuration.
 *
 * @param jobDir {@code increase.persist.dir/<id>}: one sub-directory per table
 * @param maxBytes the spool's size cap ({@code increase.persist.max_mb})
 * @param fromStart spool from the start of the full sync ({@code incr_sync_parallel})
 * @param after start spooling once the full sync has run this long ({@code incr.spool_after}; zero:
 *     never)
 * @param progressInterval how often a status line per table is logged
 */
public record SpoolSettings(
    Path jobDir, long maxBytes, boolean fromStart, Duration after, Duration progressInterval) {

  /** The settings a configuration describes. */
  public static SpoolSettings from(Configuration c) {
    return new SpoolSettings(
        Path.of(c.get(IncrSyncOptions.INCR_PERSIST_DIR), c.get(ShakeOptions.ID)),
        (long) c.get(IncrSyncOptions.INCR_PERSIST_MAX_MB) << 20,
        c.get(IncrSyncOptions.INCR_SYNC_PARALLEL),
        c.get(IncrSyncOptions.INCR_SPOOL_AFTER),
        c.get(ShakeOptions.PROGRESS_INTERVAL));
  }

  /**
   * The spool directory of one table.
   *
   * @return its spool directory
   */
  public Path tableDir(String table) {
    return jobDir.resolve(table);
  }
}
