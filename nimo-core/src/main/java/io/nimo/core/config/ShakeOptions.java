package io.nimo.core.config;

import static io.nimo.core.config.ConfigOption.bool;
import static io.nimo.core.config.ConfigOption.duration;
import static io.nimo.core.config.ConfigOption.integer;
import static io.nimo.core.config.ConfigOption.oneOf;
import static io.nimo.core.config.ConfigOption.string;

import java.time.Duration;
import java.util.List;

/**
 * Every key of {@code nimo-shake.conf}: the original NimoShake keys (same names, fixed defaults)
 * plus nimo's additions. The shipped conf file and {@code --help} are checked against this list;
 * the rules that span several keys are in {@link ShakeRules}.
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

  /**
   * {@code conf.version}: Config format version. Files from the original NimoShake (version 1-3)
   * are accepted.
   */
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

  /** {@code log.buffer}: write the log file in batches from a background thread. */
  public static final ConfigOption<Boolean> LOG_BUFFER =
      bool(
          "log.buffer",
          true,
          "Write the log file in batches from a background thread, flushed whenever it runs out of lines (faster; "
              + "a kill -9 may lose the last lines). false writes and flushes every line at once.");

  /** {@code system_profile}: port of the diagnostics endpoint (the original's pprof port). */
  public static final ConfigOption<Integer> SYSTEM_PROFILE =
      integer(
              "system_profile",
              9330,
              "Port of the diagnostics endpoint (the original's pprof port), on http.bind_address: /debug/threads "
                  + "(thread dump), /debug/memory (heap, GC), /debug/queues (per-table pipeline queue depths). "
                  + "-1 disables it.")
          .between(-1, 65535);

  /**
   * {@code full_sync.http_port}: Port of the full-sync status server (GET /progress, /metrics); -1
   * disables it.
   */
  public static final ConfigOption<Integer> FULL_HTTP_PORT =
      integer(
              "full_sync.http_port",
              9341,
              "Port of the full-sync status server (GET /progress, /metrics); -1 disables it.")
          .between(-1, 65535);

  /**
   * {@code incr_sync.http_port}: Port of the incremental-sync status server (GET /metric,
   * /metrics); -1 disables it.
   */
  public static final ConfigOption<Integer> INCR_HTTP_PORT =
      integer(
              "incr_sync.http_port",
              9340,
              "Port of the incremental-sync status server (GET /metric, /metrics); -1 disables it.")
          .between(-1, 65535);

  /**
   * {@code http.bind_address}: Address the status servers bind to. Use 0.0.0.0 only on a trusted
   * network.
   */
  public static final ConfigOption<String> HTTP_BIND =
      string(
              "http.bind_address",
              "127.0.0.1",
              "Address the status servers bind to. Use 0.0.0.0 only on a trusted network.")
          .required();

  /** {@code progress.log_interval}: How often a progress line per running table is logged. */
  public static final ConfigOption<Duration> PROGRESS_INTERVAL =
      duration(
          "progress.log_interval",
          Duration.ofSeconds(5),
          "How often a progress line per running table is logged.");

  /**
   * {@code sync_mode}: all = full sync, then follow the streams until stopped; full = copy every
   * table, then exit; incr = follow the streams only (no full sync), from incr.start_position.
   */
  public static final ConfigOption<String> SYNC_MODE =
      oneOf(
          "sync_mode",
          "all",
          "all = full sync, then follow the streams until stopped; full = copy every table, then exit; "
              + "incr = follow the streams only (no full sync), from incr.start_position.",
          "all",
          "full",
          "incr");

  /**
   * {@code incr_sync_parallel}: sync_mode = all: read the streams from the start of the full sync
   * and spool their records to increase.persist.dir, replayed when the full sync ends. Use it when
   * the full sync may outlast the stream's 24 h retention (see also incr.spool_after).
   */
  public static final ConfigOption<Boolean> INCR_SYNC_PARALLEL =
      bool(
          "incr_sync_parallel",
          false,
          "sync_mode = all: read the streams from the start of the full sync and spool their records to "
              + "increase.persist.dir, replayed when the full sync ends. Use it when the full sync may outlast the "
              + "stream's 24 h retention (see also incr.spool_after).");

  /**
   * {@code incr.spool_after}: sync_mode = all: start spooling automatically once the full sync has
   * run this long in this process (0s = never; incr_sync_parallel = true spools from the start).
   */
  public static final ConfigOption<Duration> INCR_SPOOL_AFTER =
      duration(
          "incr.spool_after",
          Duration.ofHours(4),
          "sync_mode = all: start spooling automatically once the full sync has run this long in this process "
              + "(0s = never; incr_sync_parallel = true spools from the start).");

  /**
   * {@code incr.on_trimmed}: When a table's stream position is lost (trimmed after 24 h, or the
   * stream was disabled and re-enabled): stop = stop that table's sync with an error; resync = drop
   * the table on the target and copy it again, then follow its stream from the new position. Other
   * tables go on either way.
   */
  public static final ConfigOption<String> INCR_ON_TRIMMED =
      oneOf(
          "incr.on_trimmed",
          "stop",
          "When a table's stream position is lost (trimmed after 24 h, or the stream was disabled and re-enabled): "
              + "stop = stop that table's sync with an error; resync = drop the table on the target and copy it "
              + "again, then follow its stream from the new position. Other tables go on either way.",
          "stop",
          "resync");

  /**
   * {@code incr.start_position}: sync_mode = incr only: where a first run starts reading the
   * streams: trim_horizon (every retained change, up to 24 h) or latest (changes from now on).
   */
  public static final ConfigOption<String> INCR_START =
      oneOf(
          "incr.start_position",
          "trim_horizon",
          "sync_mode = incr only: where a first run starts reading the streams: trim_horizon (every retained "
              + "change, up to 24 h) or latest (changes from now on).",
          "trim_horizon",
          "latest");

  /**
   * {@code incr.start_probe}: How long open shards are watched for a first new record when start
   * positions are recorded; a shard without one is read to its current end instead (slower on a
   * busy stream's long history).
   */
  public static final ConfigOption<Duration> INCR_START_PROBE =
      duration(
          "incr.start_probe",
          Duration.ofSeconds(3),
          "How long open shards are watched for a first new record when start positions are recorded; a shard "
              + "without one is read to its current end instead (slower on a busy stream's long history).");

  /**
   * {@code incr.shard_discovery_interval}: How often the streams are checked for new shards
   * (splits).
   */
  public static final ConfigOption<Duration> INCR_DISCOVERY_INTERVAL =
      duration(
          "incr.shard_discovery_interval",
          Duration.ofSeconds(2),
          "How often the streams are checked for new shards (splits).");

  /** {@code sync_schema_only}: Create the target tables and indexes only; copy no data. */
  public static final ConfigOption<Boolean> SYNC_SCHEMA_ONLY =
      bool("sync_schema_only", false, "Create the target tables and indexes only; copy no data.");

  /**
   * {@code source.access_key_id}: Source AWS access key id; empty uses the AWS default credential
   * chain (env, profile, role).
   */
  public static final ConfigOption<String> SOURCE_AK =
      string(
          "source.access_key_id",
          "",
          "Source AWS access key id; empty uses the AWS default credential chain (env, profile, role).");

  /** {@code source.secret_access_key}: Source AWS secret access key. */
  public static final ConfigOption<String> SOURCE_SK =
      string("source.secret_access_key", "", "Source AWS secret access key.").asSecret();

  /** {@code source.session_token}: Source STS session token (optional). */
  public static final ConfigOption<String> SOURCE_TOKEN =
      string("source.session_token", "", "Source STS session token (optional).").asSecret();

  /**
   * {@code source.region}: Source AWS region, e.g. cn-north-1; empty uses the AWS default region
   * chain.
   */
  public static final ConfigOption<String> SOURCE_REGION =
      string(
          "source.region",
          "",
          "Source AWS region, e.g. cn-north-1; empty uses the AWS default region chain.");

  /**
   * {@code source.endpoint_url}: Source endpoint; leave empty for AWS DynamoDB (set it for DynamoDB
   * Local and the like).
   */
  public static final ConfigOption<String> SOURCE_ENDPOINT =
      string(
          "source.endpoint_url",
          "",
          "Source endpoint; leave empty for AWS DynamoDB (set it for DynamoDB Local and the like).");

  /**
   * {@code source.session.max_retries}: AWS SDK retries per source call (nimo retries on top of
   * these within retry.budget).
   */
  public static final ConfigOption<Integer> SOURCE_MAX_RETRIES =
      integer(
              "source.session.max_retries",
              3,
              "AWS SDK retries per source call (nimo retries on top of these within retry.budget).")
          .between(0, 100);

  /**
   * {@code source.session.timeout}: Timeout of one source API call attempt in milliseconds; 0 =
   * none.
   */
  public static final ConfigOption<Integer> SOURCE_TIMEOUT =
      integer(
              "source.session.timeout",
              3000,
              "Timeout of one source API call attempt in milliseconds; 0 = none.")
          .between(0, 3_600_000);

  /**
   * {@code filter.collection.white}: Tables to sync, ';'-separated exact names. Cannot be combined
   * with the black list.
   */
  public static final ConfigOption<String> FILTER_WHITE =
      string(
          "filter.collection.white",
          "",
          "Tables to sync, ';'-separated exact names. Cannot be combined with the black list.");

  /**
   * {@code filter.collection.black}: Tables to skip, ';'-separated exact names. Cannot be combined
   * with the white list.
   */
  public static final ConfigOption<String> FILTER_BLACK =
      string(
          "filter.collection.black",
          "",
          "Tables to skip, ';'-separated exact names. Cannot be combined with the white list.");

  /** {@code qps.full}: Maximum Scan calls per second per table (shared by its segments). */
  public static final ConfigOption<Integer> QPS_FULL =
      integer("qps.full", 1000, "Maximum Scan calls per second per table (shared by its segments).")
          .between(1, 1_000_000);

  /** {@code qps.full.batch_num}: Scan page size (Limit). */
  public static final ConfigOption<Integer> QPS_FULL_BATCH =
      integer("qps.full.batch_num", 128, "Scan page size (Limit).").between(1, 10_000);

  /** {@code qps.incr}: Maximum GetRecords calls per second per shard (incremental sync). */
  public static final ConfigOption<Integer> QPS_INCR =
      integer("qps.incr", 1000, "Maximum GetRecords calls per second per shard (incremental sync).")
          .between(1, 1_000_000);

  /** {@code qps.incr.batch_num}: GetRecords Limit (incremental sync). */
  public static final ConfigOption<Integer> QPS_INCR_BATCH =
      integer(
              "qps.incr.batch_num",
              1000,
              "GetRecords Limit (incremental sync). 1000, the most GetRecords returns, so a backlog "
                  + "behind a distant source takes few round trips (bench/incr-lag-bench.sh).")
          .between(1, 1000);

  /**
   * {@code target.type}: Target kind: dynamodb (any DynamoDB-API endpoint: PolarDB-DDB, AWS,
   * DynamoDB Local), alias polardb and aliyun_dynamo_proxy.
   */
  public static final ConfigOption<String> TARGET_TYPE =
      string(
              "target.type",
              "dynamodb",
              "Target kind: dynamodb (any DynamoDB-API endpoint: PolarDB-DDB, AWS, DynamoDB Local), alias polardb "
                  + "and aliyun_dynamo_proxy.")
          .required();

  /**
   * {@code target.address}: Target endpoint including http:// and port, e.g. the PolarDB cluster's
   * DynamoDB endpoint.
   */
  public static final ConfigOption<String> TARGET_ADDRESS =
      string(
              "target.address",
              "",
              "Target endpoint including http:// and port, e.g. the PolarDB cluster's DynamoDB endpoint.")
          .required();

  /**
   * {@code target.access_key_id}: Target access key (PolarDB DynamoDB account); empty uses the AWS
   * default credential chain.
   */
  public static final ConfigOption<String> TARGET_AK =
      string(
          "target.access_key_id",
          "",
          "Target access key (PolarDB DynamoDB account); empty uses the AWS default credential chain.");

  /** {@code target.secret_access_key}: Target secret access key. */
  public static final ConfigOption<String> TARGET_SK =
      string("target.secret_access_key", "", "Target secret access key.").asSecret();

  /** {@code source.profile}: a profile of the AWS shared config files for the source. */
  public static final ConfigOption<String> SOURCE_PROFILE =
      string(
          "source.profile",
          "",
          "Profile of ~/.aws/config and ~/.aws/credentials for the source, used when source.access_key_id is "
              + "empty; empty uses the AWS default credential chain.");

  /** {@code source.role_arn}: an IAM role assumed for the source. */
  public static final ConfigOption<String> SOURCE_ROLE_ARN =
      string(
          "source.role_arn",
          "",
          "IAM role to assume (STS AssumeRole, refreshed before it expires) with the credentials above, e.g. "
              + "arn:aws:iam::123456789012:role/nimo-reader; empty: use those credentials directly.");

  /** {@code source.role_external_id}: external id of the source role. */
  public static final ConfigOption<String> SOURCE_EXTERNAL_ID =
      string(
              "source.role_external_id",
              "",
              "External id the source role's trust policy requires (with source.role_arn).")
          .asSecret();

  /** {@code target.profile}: a profile of the AWS shared config files for the target. */
  public static final ConfigOption<String> TARGET_PROFILE =
      string(
          "target.profile",
          "",
          "Profile of ~/.aws/config and ~/.aws/credentials for the target, used when target.access_key_id is "
              + "empty.");

  /** {@code target.role_arn}: an IAM role assumed for the target (an AWS DynamoDB target). */
  public static final ConfigOption<String> TARGET_ROLE_ARN =
      string(
          "target.role_arn",
          "",
          "IAM role to assume for the target (an AWS DynamoDB target), like source.role_arn.");

  /** {@code target.role_external_id}: external id of the target role. */
  public static final ConfigOption<String> TARGET_EXTERNAL_ID =
      string(
              "target.role_external_id",
              "",
              "External id the target role's trust policy requires (with target.role_arn).")
          .asSecret();

  /**
   * {@code target.region}: Region name sent to the target endpoint (PolarDB ignores it; AWS needs
   * the real one).
   */
  public static final ConfigOption<String> TARGET_REGION =
      string(
              "target.region",
              "us-east-1",
              "Region name sent to the target endpoint (PolarDB ignores it; AWS needs the real one).")
          .required();

  /**
   * {@code target.db.exist}: A target table that already exists: empty = stop with an error; drop =
   * delete and recreate it.
   */
  public static final ConfigOption<String> TARGET_DB_EXIST =
      oneOf(
          "target.db.exist",
          "",
          "A target table that already exists: empty = stop with an error; drop = delete and recreate it; "
              + "rename (MongoDB only) = keep it under a timestamped name. The guide's spelling "
              + "target.mongodb.exist is accepted too.",
          "",
          "drop",
          "rename");

  /** {@code full.enable_index.primary}: the primary key on the target (always created). */
  public static final ConfigOption<Boolean> FULL_INDEX_PRIMARY =
      bool(
          "full.enable_index.primary",
          true,
          "Create the source's primary key on the target. Always true: every target table gets the source's key "
              + "(false is refused).");

  /** {@code convert.type}: how items are represented on the target. */
  public static final ConfigOption<String> CONVERT_TYPE =
      oneOf(
          "convert.type",
          "",
          "How items are represented on the target. MongoDB: exact (the default when empty: lossless), or the "
              + "original's raw, change or mchange shapes (lossy in documented ways; a value they cannot hold stops "
              + "the table). DynamoDB-API targets store items unchanged (empty, same or exact).",
          "",
          "exact",
          "same",
          "raw",
          "change",
          "mchange");

  /** {@code full.concurrency}: Tables synced at the same time. */
  public static final ConfigOption<Integer> FULL_CONCURRENCY =
      integer("full.concurrency", 4, "Tables synced at the same time.").between(1, 4096);

  /** {@code full.read.concurrency}: Parallel Scan segments per table (TotalSegments). */
  public static final ConfigOption<Integer> FULL_READ_CONCURRENCY =
      integer("full.read.concurrency", 8, "Parallel Scan segments per table (TotalSegments).")
          .between(1, 8192);

  /** {@code full.document.concurrency}: Writer threads per table; 0 = the target's own. */
  public static final ConfigOption<Integer> FULL_DOC_CONCURRENCY =
      integer(
              "full.document.concurrency",
              0,
              "Writer threads per table; 0 = the target's own: 16 for DynamoDB-API targets (writes in "
                  + "flight hide the round trip; measured in bench/latency-bench.sh), 4 for MongoDB and "
                  + "PostgreSQL (each writer holds a connection).")
          .between(0, 4096);

  /** {@code full.document.parser}: Parser threads per table (key checks, transforms). */
  public static final ConfigOption<Integer> FULL_DOC_PARSER =
      integer("full.document.parser", 2, "Parser threads per table (key checks, transforms).")
          .between(1, 4096);

  /** {@code full.document.write.batch}: items per target write; 0 = the target's own. */
  public static final ConfigOption<Integer> FULL_WRITE_BATCH =
      integer(
              "full.document.write.batch",
              0,
              "Items per target write; 0 = the target's own: 25 for DynamoDB-API targets (BatchWriteItem's "
                  + "limit, also the most they take), 256 documents per insertMany for MongoDB.")
          .between(0, 100_000);

  /** {@code full.enable_index.user}: Create the source's GSIs and LSIs on the target. */
  public static final ConfigOption<Boolean> FULL_INDEX_USER =
      bool("full.enable_index.user", true, "Create the source's GSIs and LSIs on the target.");

  /**
   * {@code full.executor.insert_on_dup_update}: On a duplicate key during full sync, overwrite
   * (DynamoDB-API targets always overwrite: puts are upserts).
   */
  public static final ConfigOption<Boolean> FULL_INSERT_ON_DUP =
      bool(
          "full.executor.insert_on_dup_update",
          true,
          "On a duplicate key during full sync, overwrite (DynamoDB-API targets always overwrite: puts are upserts).");

  /**
   * {@code full.read.filter_expression}: Optional Scan FilterExpression for the full sync, e.g.
   * create_time &gt; :begin. Empty copies everything.
   */
  public static final ConfigOption<String> FULL_FILTER_EXPRESSION =
      string(
          "full.read.filter_expression",
          "",
          "Optional Scan FilterExpression for the full sync, e.g. create_time > :begin. Empty copies everything.");

  /**
   * {@code full.read.filter_attributevalues}: Values for the filter: name```type```value pairs
   * joined by ~~~ (types N and S), e.g. begin```N```1646724207280.
   */
  public static final ConfigOption<String> FULL_FILTER_VALUES =
      string(
          "full.read.filter_attributevalues",
          "",
          "Values for the filter: name```type```value pairs joined by ~~~ (types N and S), e.g. begin```N```1646724207280.");

  /** {@code increase.concurrency}: Shards read in parallel per table (incremental sync). */
  public static final ConfigOption<Integer> INCR_CONCURRENCY =
      integer("increase.concurrency", 16, "Shards read in parallel per table (incremental sync).")
          .between(1, 4096);

  /**
   * {@code increase.executor.insert_on_dup_update}: INSERT of an existing key overwrites it
   * (incremental sync).
   */
  public static final ConfigOption<Boolean> INCR_INSERT_ON_DUP =
      bool(
          "increase.executor.insert_on_dup_update",
          true,
          "INSERT of an existing key overwrites it (incremental sync).");

  /** {@code increase.executor.upsert}: MODIFY of a missing key inserts it (incremental sync). */
  public static final ConfigOption<Boolean> INCR_UPSERT =
      bool(
          "increase.executor.upsert",
          true,
          "MODIFY of a missing key inserts it (incremental sync).");

  /**
   * {@code increase.persist.dir}: Directory for stream records spooled during a long full sync;
   * keep it with the checkpoint (a restart replays it).
   */
  public static final ConfigOption<String> INCR_PERSIST_DIR =
      string(
              "increase.persist.dir",
              "spool",
              "Directory for stream records spooled during a long full sync; keep it with the checkpoint (a restart "
                  + "replays it).")
          .required();

  /**
   * {@code increase.persist.max_mb}: Disk the spool may use, in MB; a full spool pauses the stream
   * readers (nothing is dropped).
   */
  public static final ConfigOption<Integer> INCR_PERSIST_MAX_MB =
      integer(
              "increase.persist.max_mb",
              102_400,
              "Disk the spool may use, in MB; a full spool pauses the stream readers (nothing is dropped).")
          .between(1, Integer.MAX_VALUE);

  /**
   * {@code checkpoint.type}: Checkpoint store: file (atomic JSON files in the directory
   * checkpoint.address) or dynamodb (a table on a DynamoDB-API endpoint: checkpoint.address if it
   * is an http(s) URL, else the target itself).
   */
  public static final ConfigOption<String> CHECKPOINT_TYPE =
      string(
              "checkpoint.type",
              "file",
              "Checkpoint store: file (atomic JSON files in the directory checkpoint.address) or dynamodb (a table on "
                  + "a DynamoDB-API endpoint: checkpoint.address if it is an http(s) URL, else the target itself).")
          .required();

  /**
   * {@code checkpoint.address}: file: the directory (relative paths are under the tool's home
   * directory); dynamodb: an http(s) endpoint URL, anything else means the target endpoint.
   */
  public static final ConfigOption<String> CHECKPOINT_ADDRESS =
      string(
          "checkpoint.address",
          "checkpoint",
          "file: the directory (relative paths are under the tool's home directory); dynamodb: an http(s) "
              + "endpoint URL, anything else means the target endpoint.");

  /**
   * {@code checkpoint.db}: Checkpoint name: the sub-directory (file) or table (dynamodb); empty =
   * &lt;id&gt;-checkpoint.
   */
  public static final ConfigOption<String> CHECKPOINT_DB =
      string(
          "checkpoint.db",
          "",
          "Checkpoint name: the sub-directory (file) or table (dynamodb); empty = <id>-checkpoint.");

  /**
   * {@code checkpoint.interval}: How often scan and stream progress is persisted; a resume repeats
   * at most this much work (idempotently).
   */
  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
      duration(
          "checkpoint.interval",
          Duration.ofSeconds(1),
          "How often scan and stream progress is persisted; a resume repeats at most this much "
              + "work (idempotently).");

  /**
   * {@code retry.budget}: How long one failing call (throttled, 5xx, connection refused) is retried
   * before the run stops.
   */
  public static final ConfigOption<Duration> RETRY_BUDGET =
      duration(
          "retry.budget",
          Duration.ofMinutes(5),
          "How long one failing call (throttled, 5xx, connection refused) is retried before the run stops.");

  /**
   * {@code retry.max_backoff}: Longest single wait between retries (exponential backoff with jitter
   * up to this cap).
   */
  public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
      duration(
          "retry.max_backoff",
          Duration.ofSeconds(10),
          "Longest single wait between retries (exponential backoff with jitter up to this cap).");

  /**
   * {@code target.table_active_timeout}: How long to wait for a created or deleted target table to
   * settle.
   */
  public static final ConfigOption<Duration> TABLE_ACTIVE_TIMEOUT =
      duration(
          "target.table_active_timeout",
          Duration.ofMinutes(10),
          "How long to wait for a created or deleted target table to settle.");

  /** The core keys up to the target block. */
  private static final List<ConfigOption<?>> UP_TO_TARGET =
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
          INCR_SYNC_PARALLEL,
          INCR_SPOOL_AFTER,
          INCR_ON_TRIMMED,
          SYNC_SCHEMA_ONLY,
          SOURCE_AK,
          SOURCE_SK,
          SOURCE_TOKEN,
          SOURCE_PROFILE,
          SOURCE_ROLE_ARN,
          SOURCE_EXTERNAL_ID,
          SOURCE_REGION,
          SOURCE_ENDPOINT,
          SOURCE_MAX_RETRIES,
          SOURCE_TIMEOUT,
          FILTER_WHITE,
          FILTER_BLACK,
          QPS_FULL,
          QPS_FULL_BATCH,
          QPS_INCR,
          QPS_INCR_BATCH,
          TARGET_TYPE,
          TARGET_ADDRESS,
          TARGET_AK,
          TARGET_SK,
          TARGET_PROFILE,
          TARGET_ROLE_ARN,
          TARGET_EXTERNAL_ID,
          TARGET_REGION,
          TARGET_DB_EXIST);

  /** The core keys after the target block. */
  private static final List<ConfigOption<?>> AFTER_TARGET =
      List.of(
          FULL_CONCURRENCY,
          FULL_READ_CONCURRENCY,
          FULL_DOC_CONCURRENCY,
          FULL_DOC_PARSER,
          FULL_WRITE_BATCH,
          FULL_INDEX_USER,
          FULL_INDEX_PRIMARY,
          FULL_INSERT_ON_DUP,
          FULL_FILTER_EXPRESSION,
          FULL_FILTER_VALUES,
          INCR_START,
          INCR_START_PROBE,
          INCR_DISCOVERY_INTERVAL,
          INCR_CONCURRENCY,
          INCR_INSERT_ON_DUP,
          INCR_UPSERT,
          INCR_PERSIST_DIR,
          INCR_PERSIST_MAX_MB,
          CHECKPOINT_TYPE,
          CHECKPOINT_ADDRESS,
          CHECKPOINT_DB,
          CHECKPOINT_INTERVAL,
          CONVERT_TYPE,
          RETRY_BUDGET,
          RETRY_MAX_BACKOFF,
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
