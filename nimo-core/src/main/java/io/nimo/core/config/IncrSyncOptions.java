package io.nimo.core.config;

import static io.nimo.core.config.ConfigOption.bool;
import static io.nimo.core.config.ConfigOption.duration;
import static io.nimo.core.config.ConfigOption.integer;
import static io.nimo.core.config.ConfigOption.string;

import java.time.Duration;

/**
 * The incremental-sync keys of {@code nimo-shake.conf} ({@code incr.*}, {@code increase.*}): where
 * the stream starts, shard discovery, the spool and how changes are written. Declared once here;
 * {@link ShakeOptions#ALL} puts them in conf-file order.
 */
public final class IncrSyncOptions {
  private IncrSyncOptions() {}

  public static final ConfigOption<Boolean> INCR_SYNC_PARALLEL =
      bool(
          "incr_sync_parallel",
          false,
          "sync_mode = all: read the streams from the start of the full sync and spool their records to "
              + "increase.persist.dir, replayed when the full sync ends. Use it when the full sync may outlast the "
              + "stream's 24 h retention (see also incr.spool_after).");

  public static final ConfigOption<Duration> INCR_SPOOL_AFTER =
      duration(
          "incr.spool_after",
          Duration.ofHours(4),
          "sync_mode = all: start spooling automatically once the full sync has run this long in this process "
              + "(0s = never; incr_sync_parallel = true spools from the start).");

  public static final ConfigOption<OnTrimmed> INCR_ON_TRIMMED =
      ConfigOption.choice(
          "incr.on_trimmed",
          OnTrimmed.STOP,
          "When a table's stream position is lost (trimmed after 24 h, or the stream was disabled and re-enabled): "
              + "stop = stop that table's sync with an error; resync = drop the table on the target and copy it "
              + "again, then follow its stream from the new position. Other tables go on either way.");

  public static final ConfigOption<StartPosition> INCR_START =
      ConfigOption.choice(
          "incr.start_position",
          StartPosition.TRIM_HORIZON,
          "sync_mode = incr only: where a first run starts reading the streams: trim_horizon (every retained "
              + "change, up to 24 h) or latest (changes from now on).");

  public static final ConfigOption<Duration> INCR_START_PROBE =
      duration(
          "incr.start_probe",
          Duration.ofSeconds(3),
          "How long open shards are watched for a first new record when start positions are recorded; a shard "
              + "without one is read to its current end instead (slower on a busy stream's long history).");

  public static final ConfigOption<Duration> INCR_DISCOVERY_INTERVAL =
      duration(
          "incr.shard_discovery_interval",
          Duration.ofSeconds(2),
          "How often the streams are checked for new shards (splits).");

  public static final ConfigOption<Duration> INCR_MAX_LAG_DURING_FULL =
      duration(
          "incr.max_lag_during_full",
          Duration.ofHours(6),
          "Flink job, sync_mode = all: when a table's stream reading falls this far behind while the "
              + "Scan runs, the Scan readers pause until it is back under half of it (a stream keeps "
              + "24 h; nimo-shake spools the stream to disk instead). 0 never pauses.");

  public static final ConfigOption<Integer> INCR_CONCURRENCY =
      integer("increase.concurrency", 16, "Shards read in parallel per table (incremental sync).")
          .between(1, 4096);

  public static final ConfigOption<Boolean> INCR_INSERT_ON_DUP =
      bool(
          "increase.executor.insert_on_dup_update",
          true,
          "INSERT of an existing key overwrites it (incremental sync).");

  public static final ConfigOption<Boolean> INCR_UPSERT =
      bool(
          "increase.executor.upsert",
          true,
          "MODIFY of a missing key inserts it (incremental sync).");

  public static final ConfigOption<String> INCR_PERSIST_DIR =
      string(
              "increase.persist.dir",
              "spool",
              "Directory for stream records spooled during a long full sync; keep it with the checkpoint (a restart "
                  + "replays it).")
          .required();

  public static final ConfigOption<Integer> INCR_PERSIST_MAX_MB =
      integer(
              "increase.persist.max_mb",
              102_400,
              "Disk the spool may use, in MB; a full spool pauses the stream readers (nothing is dropped).")
          .between(1, Integer.MAX_VALUE);
}
