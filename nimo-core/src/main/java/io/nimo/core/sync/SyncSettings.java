package io.nimo.core.sync;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.IncrSyncOptions;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.config.StartPosition;
import io.nimo.core.config.SyncMode;
import io.nimo.core.source.TableFilter;

/**
 * What a sync job does, as a whole; each phase has settings of its own.
 *
 * @param id the job's {@code id}: its checkpoint and report name
 * @param mode {@code sync_mode}
 * @param incrStart where a stream starts when there is no full sync ({@code incr_sync.start})
 * @param tables the tables selected ({@code filter.collection.white} / {@code black})
 * @param sourceConnections HTTP connections to the source: every Scan segment of every table at
 *     once, and a few for the coordinator
 */
public record SyncSettings(
    String id, SyncMode mode, StartPosition incrStart, TableFilter tables, int sourceConnections) {

  /**
   * The settings of a nimo-shake configuration; the Flink job reads the same ones.
   *
   * @param c the configuration
   * @return the settings
   */
  public static SyncSettings from(Configuration c) {
    return new SyncSettings(
        c.get(ShakeOptions.ID),
        c.get(ShakeOptions.SYNC_MODE),
        c.get(IncrSyncOptions.INCR_START),
        TableFilter.parse(c.get(SourceOptions.FILTER_WHITE), c.get(SourceOptions.FILTER_BLACK)),
        c.get(FullSyncOptions.FULL_CONCURRENCY) * c.get(FullSyncOptions.FULL_READ_CONCURRENCY) + 4);
  }
}
