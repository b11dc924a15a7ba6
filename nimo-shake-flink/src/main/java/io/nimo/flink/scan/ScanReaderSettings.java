package io.nimo.flink.scan;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.IncrSyncOptions;
import io.nimo.core.config.SourceOptions;
import java.time.Duration;

/**
 * How each parallel Scan reader of the Flink job reads, from the configuration.
 *
 * @param callsInFlight Scan calls a reader keeps in flight ({@code full.read.calls_per_reader}, or
 *     {@code full.read.concurrency} when 0: what one nimo-shake process keeps in flight)
 * @param scanQps the whole job's Scan calls per second ({@code qps.full}), shared by the readers
 * @param maxStreamLag how far behind a stream may fall before the Scan pauses ({@code
 *     incr.max_lag_during_full}; zero: never)
 */
public record ScanReaderSettings(int callsInFlight, int scanQps, Duration maxStreamLag) {

  /** The settings a configuration describes. */
  public static ScanReaderSettings from(Configuration c) {
    int perReader = c.get(FullSyncOptions.FULL_READ_CALLS_PER_READER);
    return new ScanReaderSettings(
        perReader > 0 ? perReader : c.get(FullSyncOptions.FULL_READ_CONCURRENCY),
        c.get(SourceOptions.QPS_FULL),
        c.get(IncrSyncOptions.INCR_MAX_LAG_DURING_FULL));
  }
}
