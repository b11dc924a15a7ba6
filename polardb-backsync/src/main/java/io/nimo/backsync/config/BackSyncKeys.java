package io.nimo.backsync.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every {@code application.yaml} key of polardb-backsync. The guide's keys come first; ours follow
 * with defaults, so a guide-shaped file works unchanged. The shipped {@code application.yaml} and
 * the README list exactly these.
 */
public final class BackSyncKeys {
  private static final List<BackSyncKey<?>> ALL = new ArrayList<>();

  /**
   * {@code never}: stream from the slot's confirmed position; {@code initial}: copy, then stream.
   */
  public static final BackSyncKey<String> SNAPSHOT_MODE =
      key(
          "snapshot.mode",
          "never",
          "never = stream changes from the slot's confirmed position (the guide's choice); initial ="
              + " copy every table first, then stream",
          oneOf("never", "initial"));

  /** The PostgreSQL (PolarDB primary) host. */
  public static final BackSyncKey<String> SOURCE_HOSTNAME =
      key("source.hostname", "", "PostgreSQL / PolarDB primary host (required)", text());

  /** The PostgreSQL port. */
  public static final BackSyncKey<Integer> SOURCE_PORT =
      key("source.port", "5432", "PostgreSQL port", range(1, 65535));

  /** The logical replication slot (pgoutput). */
  public static final BackSyncKey<String> SOURCE_SLOT =
      key(
          "source.slotName",
          "flink_slot",
          "logical replication slot (pgoutput); created if missing",
          identifier());

  /** The database holding the tables. */
  public static final BackSyncKey<String> SOURCE_DATABASE =
      key(
          "source.database",
          "polardb_internal_dynamodb",
          "database that holds the DynamoDB tables",
          text());

  /** The schemas holding the tables. */
  public static final BackSyncKey<List<String>> SOURCE_SCHEMA =
      key(
          "source.schema",
          "public",
          "schema(s) that hold the tables (list or comma-separated; * = every schema of the"
              + " database); nimo-shake's target.postgresql.schema",
          names());

  /** The publication pgoutput reads. */
  public static final BackSyncKey<String> SOURCE_PUBLICATION =
      key(
          "source.publication",
          "dbz_publication",
          "publication the slot reads; created for all tables if missing (needs the owner's rights)",
          identifier());

  /** The DynamoDB region. */
  public static final BackSyncKey<String> TARGET_REGION =
      key(
          "target.region",
          "",
          "region of the target DynamoDB (required unless target.endpoint is set)",
          text());

  /** A DynamoDB endpoint other than AWS's. */
  public static final BackSyncKey<String> TARGET_ENDPOINT =
      key(
          "target.endpoint",
          "",
          "DynamoDB endpoint URL for non-AWS or local endpoints (empty = AWS in target.region)",
          text());

  /** Tables to include. */
  public static final BackSyncKey<List<String>> FILTER_WHITE =
      key(
          "filter.whiteTableSet",
          "",
          "tables to sync back (list or comma-separated); empty = all. Only one of the two sets",
          names());

  /** Tables to exclude. */
  public static final BackSyncKey<List<String>> FILTER_BLACK =
      key(
          "filter.blackTableSet",
          "",
          "tables not to sync back (list or comma-separated). Only one of the two sets",
          names());

  /** Checkpoint interval in milliseconds. */
  public static final BackSyncKey<Integer> CHECKPOINT_INTERVAL =
      key(
          "checkpoint.interval",
          "3000",
          "Flink checkpoint interval in ms; the slot advances only with completed checkpoints",
          range(100, Integer.MAX_VALUE));

  /** The JSONB column holding the item as DynamoDB JSON. */
  public static final BackSyncKey<String> ITEM_COLUMN =
      key(
          "layout.itemColumn",
          "",
          "JSONB column holding the whole item as DynamoDB JSON; empty = polardb_document"
              + " (PolarDB-DDB's tables), else item (nimo-shake's); tables without it are skipped",
          s -> s.isBlank() ? "" : identifier().apply(s));

  /** The table nimo-shake marks its own transactions in. */
  public static final BackSyncKey<String> ECHO_TABLE =
      key(
          "echo.markerTable",
          "nimo_echo",
          "table in source.schema where nimo-shake marks the transactions it writes",
          identifier());

  /** Whether changes nimo-shake wrote are skipped. */
  public static final BackSyncKey<Boolean> ECHO_SKIP =
      key(
          "echo.skipForwardSyncChanges",
          "true",
          "true = changes written by nimo-shake (DynamoDB -> PostgreSQL) are not sent back",
          bool());

  /** Distinct keys buffered before a flush. */
  public static final BackSyncKey<Integer> APPLY_MAX_KEYS =
      key(
          "apply.maxBufferedKeys",
          "1000",
          "distinct keys buffered per subtask before writing (the last change of a key wins)",
          range(1, 1_000_000));

  /** Longest time a change waits in the buffer. */
  public static final BackSyncKey<Integer> APPLY_FLUSH_INTERVAL =
      key(
          "apply.flushInterval",
          "50",
          "ms a change may wait in the buffer before it is written",
          range(1, 600_000));

  /** BatchWriteItem calls in flight per writer. */
  public static final BackSyncKey<Integer> APPLY_IN_FLIGHT =
      key(
          "apply.inFlight",
          "4",
          "BatchWriteItem calls in flight per writer (distinct keys only, so order holds)",
          range(1, 64));

  /** Time budget for retrying one write. */
  public static final BackSyncKey<Integer> APPLY_RETRY_BUDGET =
      key(
          "apply.retryBudget",
          "300000",
          "ms a throttled or failing write is retried (capped backoff + jitter) before the job fails",
          range(0, Integer.MAX_VALUE));

  /** Parallel writers. */
  public static final BackSyncKey<Integer> APPLY_PARALLELISM =
      key(
          "apply.parallelism",
          "1",
          "parallel DynamoDB writers; changes are keyed by table + item key, so per-key order holds",
          range(1, 1024));

  /** Progress log interval. */
  public static final BackSyncKey<Integer> PROGRESS_INTERVAL =
      key(
          "progress.interval",
          "30000",
          "ms between progress lines (changes applied per table, lag commit -> applied)",
          range(100, Integer.MAX_VALUE));

  /** Where {@code --local} keeps checkpoints and savepoints. */
  public static final BackSyncKey<String> LOCAL_STATE_DIR =
      key(
          "local.stateDir",
          "state",
          "with --local: folder for checkpoints and the stop savepoint (relative to the working dir)",
          text());

  /** Restarts of a {@code --local} job after a failure before the process gives up. */
  public static final BackSyncKey<Integer> LOCAL_RESTART_ATTEMPTS =
      key(
          "local.restartAttempts",
          "10",
          "with --local: restarts (10 s apart, from the last checkpoint) after a failure before the"
              + " process exits with an error; 0 = exit at the first failure",
          range(0, 1_000_000));

  private BackSyncKeys() {}

  /**
   * Every declared key, in declaration order.
   *
   * @return the keys
   */
  public static List<BackSyncKey<?>> all() {
    return Collections.unmodifiableList(ALL);
  }

  private static <T> BackSyncKey<T> key(
      String name, String def, String doc, Function<String, T> parser) {
    BackSyncKey<T> k = new BackSyncKey<>(name, def, doc, parser);
    ALL.add(k);
    return k;
  }

  private static Function<String, String> text() {
    return String::trim;
  }

  private static Function<String, String> identifier() {
    return s -> {
      String t = s.trim();
      if (!t.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
        throw new IllegalArgumentException("expected an SQL identifier (letters, digits, _)");
      }
      return t;
    };
  }

  private static Function<String, String> oneOf(String... values) {
    return s -> {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (!Arrays.asList(values).contains(t)) {
        throw new IllegalArgumentException("expected one of " + Arrays.toString(values));
      }
      return t;
    };
  }

  private static Function<String, Integer> range(int min, int max) {
    return s -> {
      int v = Integer.parseInt(s.trim());
      if (v < min || v > max) {
        throw new IllegalArgumentException("expected " + min + ".." + max);
      }
      return v;
    };
  }

  private static Function<String, Boolean> bool() {
    return s -> {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (!t.equals("true") && !t.equals("false")) {
        throw new IllegalArgumentException("expected true or false");
      }
      return Boolean.valueOf(t);
    };
  }

  private static Function<String, List<String>> names() {
    return s -> {
      List<String> out = new ArrayList<>();
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return Collections.unmodifiableList(out);
    };
  }
}
