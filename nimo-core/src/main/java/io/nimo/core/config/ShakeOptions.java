package io.nimo.core.config;

import static io.nimo.core.config.ConfigOption.bool;
import static io.nimo.core.config.ConfigOption.duration;
import static io.nimo.core.config.ConfigOption.integer;
import static io.nimo.core.config.ConfigOption.oneOf;
import static io.nimo.core.config.ConfigOption.string;

import java.time.Duration;
import java.util.List;

/**
 * The job keys of {@code nimo-shake.conf} (id, logs, HTTP, sync mode, checkpoint, conversion,
 * retries) and {@link #ALL}, every key in conf-file order: the original NimoShake keys (same names,
 * fixed defaults) plus nimo's additions. The source, target, full-sync and incremental keys are
 * declared in {@link SourceOptions}, {@link TargetAccessOptions}, {@link FullSyncOptions} and
 * {@link IncrSyncOptions}; the rules that span several keys are in {@link ShakeRules}. The shipped
 * conf file and {@code --help} are checked against {@link #ALL}.
 */
public final class ShakeOptions {
  private ShakeOptions() {}

  private static final ConfigOption.Validator<String> NAME =
      (k, v) -> {
        if (!v.matches("[A-Za-z0-9_.-]+")) {
          throw new ConfigException(
              k, "'" + v + "' may only contain letters, digits, '_', '.' and '-'");
        }
      };

  public static final ConfigOption<Integer> CONF_VERSION =
      integer(
              "conf.version",
              3,
              "Config format version. Files from the original NimoShake (version 1-3) are accepted.")
          .between(1, 3);

  /**
   * {@code id}: Task id: names the checkpoint (&lt;checkpoint.address&gt;/&lt;id&gt;-checkpoint)
   * and the lock file &lt;id&gt;.pid.
   */
  public static final ConfigOption<String> ID =
      string(
              "id",
              "nimo-shake",
              "Task id: names the checkpoint (<checkpoint.address>/<id>-checkpoint) and the lock file <id>.pid.")
          .required()
          .withValidator(NAME);

  /**
   * {@code pid_path}: Directory of the &lt;id&gt;.pid lock file that stops two runs of the same
   * task; empty = working directory.
   */
  public static final ConfigOption<String> PID_PATH =
      string(
          "pid_path",
          "",
          "Directory of the <id>.pid lock file that stops two runs of the same task; empty = working directory.");

  /** {@code log.file}: log file name under logs/, rolled by size; empty = the tool's own name. */
  public static final ConfigOption<String> LOG_FILE =
      string(
          "log.file",
          "",
          "Log file name under logs/ (rolled at 500 MB, 100 kept); empty = <tool>.log, e.g. logs/nimo-shake.log. "
              + "The console gets the same lines.");

  /** {@code log.level}: log level; none turns logging off. */
  public static final ConfigOption<String> LOG_LEVEL =
      oneOf(
          "log.level",
          "info",
          "Log level: none (no log at all), error, warn, info or debug.",
          "none",
          "debug",
          "info",
          "warn",
          "warning",
          "error");

  public static final ConfigOption<Boolean> LOG_BUFFER =
      bool(
          "log.buffer",
          true,
          "Write the log file in batches from a background thread, flushed whenever it runs out of lines (faster; "
              + "a kill -9 may lose the last lines). false writes and flushes every line at once.");

  public static final ConfigOption<Integer> SYSTEM_PROFILE =
      integer(
              "system_profile",
              9330,
              "Port of the diagnostics endpoint (the original's pprof port), on http.bind_address: /debug/threads "
                  + "(thread dump), /debug/memory (heap, GC), /debug/queues (per-table pipeline queue depths). "
                  + "-1 disables it.")
          .between(-1, 65535);

  public static final ConfigOption<Integer> FULL_HTTP_PORT =
      integer(
              "full_sync.http_port",
              9341,
              "Port of the full-sync status server (GET /progress, /metrics); -1 disables it.")
          .between(-1, 65535);

  public static final ConfigOption<Integer> INCR_HTTP_PORT =
      integer(
              "incr_sync.http_port",
              9340,
              "Port of the incremental-sync status server (GET /metric, /metrics); -1 disables it.")
          .between(-1, 65535);

  public static final ConfigOption<String> HTTP_BIND =
      string(
              "http.bind_address",
              "127.0.0.1",
              "Address the status servers bind to. Use 0.0.0.0 only on a trusted network.")
          .required();

  public static final ConfigOption<Duration> PROGRESS_INTERVAL =
      duration(
          "progress.log_interval",
          Duration.ofSeconds(5),
          "How often a progress line per running table is logged.");

  public static final ConfigOption<SyncMode> SYNC_MODE =
      ConfigOption.choice(
          "sync_mode",
          SyncMode.ALL,
          "all = full sync, then follow the streams until stopped; full = copy every table, then exit; "
              + "incr = follow the streams only (no full sync), from incr.start_position.");

  public static final ConfigOption<Boolean> SYNC_SCHEMA_ONLY =
      bool("sync_schema_only", false, "Create the target tables and indexes only; copy no data.");

  public static final ConfigOption<ConvertType> CONVERT_TYPE =
      ConfigOption.choice(
          "convert.type",
          ConvertType.DEFAULT,
          "How items are represented on the target. MongoDB: exact (the default when empty: lossless), or the "
              + "original's raw, change or mchange shapes (lossy in documented ways; a value they cannot hold stops "
              + "the table). DynamoDB-API targets store items unchanged (empty, same or exact); PostgreSQL stores "
              + "each item whole as DynamoDB JSON in a jsonb column (empty or exact).");

  /**
   * {@code checkpoint.type}: Checkpoint store: file (atomic JSON files in the directory
   * checkpoint.address) or dynamodb (a table on a DynamoDB-API endpoint: checkpoint.address if it
   * is an http(s) URL, else the target itself).
   */
  public static final ConfigOption<String> CHECKPOINT_TYPE =
      string(
              "checkpoint.type",
              "file",
              "Checkpoint store: file (atomic JSON files in the directory checkpoint.address), dynamodb (a table on "
                  + "a DynamoDB-API endpoint: checkpoint.address if it is an http(s) URL, else the target itself), "
                  + "mongodb (a collection: checkpoint.address if it is a mongodb:// string, else the target) or "
                  + "postgresql (a table: checkpoint.address if it is a jdbc:postgresql:// URL, else the target).")
          .required();

  public static final ConfigOption<String> CHECKPOINT_ADDRESS =
      string(
          "checkpoint.address",
          "checkpoint",
          "file: the directory (relative paths are under the tool's home directory). dynamodb, mongodb, "
              + "postgresql: the store's own address (an http(s) URL, a mongodb:// string, a jdbc:postgresql:// "
              + "URL with its own credentials); anything else means the target's address and account.");

  public static final ConfigOption<String> CHECKPOINT_DB =
      string(
          "checkpoint.db",
          "",
          "Checkpoint name: the sub-directory (file), table (dynamodb, postgresql) or database (mongodb); "
              + "empty = <id>-checkpoint.");

  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
      duration(
          "checkpoint.interval",
          Duration.ofSeconds(1),
          "How often scan and stream progress is persisted; a resume repeats at most this much "
              + "work (idempotently).");

  public static final ConfigOption<Duration> RETRY_BUDGET =
      duration(
          "retry.budget",
          Duration.ofMinutes(5),
          "How long one failing call (throttled, 5xx, connection refused) is retried before the run stops.");

  /**
   * {@code preflight.timeout}: How long the start-up pre-flight waits for each endpoint before it
   * names the one that cannot be reached and exits; 0s skips it.
   */
  public static final ConfigOption<Duration> PREFLIGHT_TIMEOUT =
      duration(
          "preflight.timeout",
          Duration.ofSeconds(10),
          "Before any work, the source, the target and the checkpoint store are each reached once (no retries) within "
              + "this time; one that cannot be reached, refuses the credentials or lacks a permission is named "
              + "(key, address with credentials masked, cause) and the tool exits with code 5. Once running, "
              + "outages are retried within retry.budget. 0s skips the pre-flight.");

  public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
      duration(
          "retry.max_backoff",
          Duration.ofSeconds(10),
          "Longest single wait between retries (exponential backoff with jitter up to this cap).");

  public static final ConfigOption<Duration> TABLE_ACTIVE_TIMEOUT =
      duration(
          "target.table_active_timeout",
          Duration.ofMinutes(10),
          "How long to wait for a created or deleted target table to settle.");

  /** The core keys up to the target block. */
  private static final List<ConfigOption<?>> UP_TO_TARGET =
      join(
          List.of(
              CONF_VERSION,
              ID,
              PID_PATH,
              LOG_FILE,
              LOG_LEVEL,
              LOG_BUFFER,
              SYSTEM_PROFILE,
              FULL_HTTP_PORT,
              INCR_HTTP_PORT,
              HTTP_BIND,
              PROGRESS_INTERVAL,
              SYNC_MODE,
              IncrSyncOptions.INCR_SYNC_PARALLEL,
              IncrSyncOptions.INCR_SPOOL_AFTER,
              IncrSyncOptions.INCR_ON_TRIMMED,
              SYNC_SCHEMA_ONLY),
          SourceOptions.ACCESS,
          SourceOptions.TABLES_AND_SCAN_RATE,
          List.of(SourceOptions.QPS_INCR, SourceOptions.QPS_INCR_BATCH),
          TargetAccessOptions.ACCESS,
          List.of(TargetAccessOptions.TARGET_DB_EXIST));

  /** The core keys after the target block. */
  private static final List<ConfigOption<?>> AFTER_TARGET =
      List.of(
          FullSyncOptions.FULL_CONCURRENCY,
          FullSyncOptions.FULL_READ_CONCURRENCY,
          FullSyncOptions.FULL_READ_CALLS_PER_READER,
          FullSyncOptions.FULL_DOC_CONCURRENCY,
          FullSyncOptions.FULL_DOC_PARSER,
          FullSyncOptions.FULL_WRITE_BATCH,
          FullSyncOptions.FULL_INDEX_USER,
          FullSyncOptions.FULL_INDEX_PRIMARY,
          FullSyncOptions.FULL_INSERT_ON_DUP,
          FullSyncOptions.FULL_FILTER_EXPRESSION,
          FullSyncOptions.FULL_FILTER_VALUES,
          ExportOptions.FULL_SOURCE,
          ExportOptions.FULL_EXPORT_S3_URI,
          ExportOptions.FULL_EXPORT_FORMAT,
          ExportOptions.FULL_EXPORT_S3_REGION,
          ExportOptions.FULL_EXPORT_S3_ENDPOINT,
          ExportOptions.FULL_EXPORT_AK,
          ExportOptions.FULL_EXPORT_SK,
          ExportOptions.FULL_EXPORT_PROFILE,
          ExportOptions.FULL_EXPORT_ROLE_ARN,
          ExportOptions.FULL_EXPORT_WAIT,
          ExportOptions.FULL_EXPORT_PRICE,
          IncrSyncOptions.INCR_START,
          IncrSyncOptions.INCR_START_PROBE,
          IncrSyncOptions.INCR_DISCOVERY_INTERVAL,
          IncrSyncOptions.INCR_MAX_LAG_DURING_FULL,
          IncrSyncOptions.INCR_CONCURRENCY,
          IncrSyncOptions.INCR_INSERT_ON_DUP,
          IncrSyncOptions.INCR_UPSERT,
          IncrSyncOptions.INCR_PERSIST_DIR,
          IncrSyncOptions.INCR_PERSIST_MAX_MB,
          CHECKPOINT_TYPE,
          CHECKPOINT_ADDRESS,
          CHECKPOINT_DB,
          CHECKPOINT_INTERVAL,
          CONVERT_TYPE,
          RETRY_BUDGET,
          RETRY_MAX_BACKOFF,
          PREFLIGHT_TIMEOUT,
          TABLE_ACTIVE_TIMEOUT);

  /**
   * Every key of {@code nimo-shake.conf}, in file order: the core keys, with the keys each target
   * type declares ({@link TargetOptions}, e.g. {@code target.mongodb.type}) after the target block.
   */
  public static final List<ConfigOption<?>> ALL =
      join(UP_TO_TARGET, TargetOptions.all(), AFTER_TARGET);

  @SafeVarargs
  private static List<ConfigOption<?>> join(List<ConfigOption<?>>... parts) {
    List<ConfigOption<?>> out = new java.util.ArrayList<>();
    for (List<ConfigOption<?>> p : parts) {
      out.addAll(p);
    }
    return List.copyOf(out);
  }
}
