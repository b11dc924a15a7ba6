package io.nimo.core.config;

import static io.nimo.core.config.ConfigOption.bool;
import static io.nimo.core.config.ConfigOption.duration;
import static io.nimo.core.config.ConfigOption.integer;
import static io.nimo.core.config.ConfigOption.string;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code nimo-full-check.conf} and {@code nimo-repair.conf}: the connection, filter
 * and Scan keys of {@code nimo-shake.conf} ({@link #SHARED}, same names and meaning) plus the
 * check's own. {@link #asShakeConfiguration} turns such a file into the configuration {@link
 * io.nimo.core.check.CheckJob} and {@link io.nimo.core.check.RepairJob} are built from.
 */
public final class CheckOptions {
  /** {@code diff_output_file}: the directory of the diff reports. */
  public static final ConfigOption<String> DIFF_OUTPUT =
      string(
              "diff_output_file",
              "nimo-full-check-diff",
              "Directory of the diff reports: one <table>.jsonl per table that differs (keys and attribute names, never "
                  + "values). nimo-repair reads it.")
          .required();

  public static final ConfigOption<Integer> SAMPLE =
      integer(
              "sample",
              0,
              "Items compared per table, chosen by key (the same ones each run); 0 = every item, and items only on the "
                  + "target are looked for too.")
          .between(0, Integer.MAX_VALUE);

  /** {@code recheck_after}: pause before the differences are compared once more. */
  public static final ConfigOption<java.util.Optional<Duration>> RECHECK_AFTER =
      ConfigOption.durationOrAuto(
          "recheck_after",
          "Compare the differences once more after this pause and report only those that persist; use it while the "
              + "incremental sync is running (e.g. 30s). auto = 5s when the target's reads may lag its writes "
              + "(target.type = polardb, or an endpoint that refuses per-request strong reads), else no recheck; "
              + "0s = never.");

  /** {@code repair.verify_within}: how long repair re-reads a fixed key that reads back stale. */
  public static final ConfigOption<Duration> REPAIR_VERIFY_WITHIN =
      duration(
          "repair.verify_within",
          Duration.ofSeconds(5),
          "After fixing a key, repair reads it back; a key that still reads differently is read again after a "
              + "short, growing pause (the target's reads may lag its writes, e.g. PolarDB-DDB not preset to strong "
              + "consistency) until this much time has passed, and only then counts as unresolved. 0s = one read.");

  /** {@code find_extras}: whether a full check looks for items only on the target. */
  public static final ConfigOption<Boolean> FIND_EXTRAS =
      bool(
          "find_extras",
          true,
          "With sample = 0: also pass over the target to find items that are not on the source.");

  public static final ConfigOption<Integer> PARALLEL_TABLES =
      integer(
              "parallel_tables",
              2,
              "Tables checked at the same time; each is also scanned with full.read.concurrency parallel segments.")
          .between(1, 256);

  /** {@code mode}: compare every item, or only the keys changed since the last clean full check. */
  public static final ConfigOption<String> MODE =
      ConfigOption.oneOf(
          "mode",
          "full",
          "full = compare every item (and record where each table's stream stands, so a later changed check can "
              + "start there); changed = compare only the keys changed on the source since the last full check that "
              + "found no difference (or whose differences nimo-repair fixed), read from the stream: seconds at "
              + "cutover instead of a pass over the table. Exits 2 naming the table when that is not sound (no such "
              + "check, older than the stream's 24 h, stream replaced or trimmed).",
          "full",
          "changed");

  /** {@code check.state_dir}: where the epochs of full checks are kept. */
  public static final ConfigOption<String> STATE_DIR =
      string(
          "check.state_dir",
          "",
          "Folder of the full checks' stream positions (one small JSON file per table) that mode = changed starts "
              + "from; empty = nimo-full-check-state beside diff_output_file. nimo-repair marks them usable again "
              + "when it fixes every difference.");

  /**
   * The state folder a check or repair configuration names.
   *
   * @param c a check or repair configuration
   * @return {@code check.state_dir}, or {@code nimo-full-check-state} beside the diff folder
   */
  public static java.nio.file.Path stateDir(Configuration c) {
    String dir = c.get(STATE_DIR);
    if (!dir.isBlank()) {
      return java.nio.file.Path.of(dir);
    }
    java.nio.file.Path diff = java.nio.file.Path.of(c.get(DIFF_OUTPUT)).toAbsolutePath();
    return diff.resolveSibling("nimo-full-check-state");
  }

  /** The {@code nimo-shake.conf} keys the check and repair tools read, with the same meaning. */
  public static final List<ConfigOption<?>> SHARED =
      compose(
          List.of(
              ShakeOptions.CONF_VERSION,
              ShakeOptions.ID,
              ShakeOptions.LOG_FILE,
              ShakeOptions.LOG_LEVEL,
              ShakeOptions.LOG_BUFFER),
          SourceOptions.ACCESS,
          SourceOptions.TABLES_AND_SCAN_RATE,
          TargetAccessOptions.ACCESS,
          List.of(
              ShakeOptions.CONVERT_TYPE,
              FullSyncOptions.FULL_READ_CONCURRENCY,
              FullSyncOptions.FULL_FILTER_EXPRESSION,
              FullSyncOptions.FULL_FILTER_VALUES,
              ShakeOptions.RETRY_BUDGET,
              ShakeOptions.RETRY_MAX_BACKOFF,
              ShakeOptions.PREFLIGHT_TIMEOUT));

  @SafeVarargs
  private static List<ConfigOption<?>> compose(List<ConfigOption<?>>... parts) {
    List<ConfigOption<?>> out = new ArrayList<>();
    for (List<ConfigOption<?>> p : parts) {
      out.addAll(p);
    }
    return List.copyOf(out);
  }

  /** Every key of {@code nimo-full-check.conf}. */
  public static final List<ConfigOption<?>> CHECK =
      with(DIFF_OUTPUT, SAMPLE, RECHECK_AFTER, FIND_EXTRAS, PARALLEL_TABLES, MODE, STATE_DIR);

  /** Every key of {@code nimo-repair.conf}. */
  public static final List<ConfigOption<?>> REPAIR =
      with(DIFF_OUTPUT, STATE_DIR, REPAIR_VERIFY_WITHIN);

  private CheckOptions() {}

  private static List<ConfigOption<?>> with(ConfigOption<?>... own) {
    List<ConfigOption<?>> all = new ArrayList<>(SHARED);
    all.addAll(TargetOptions.all());
    all.addAll(List.of(own));
    return List.copyOf(all);
  }

  /**
   * The {@code nimo-shake} configuration with the shared keys of a check or repair configuration
   * (every other key at its default), after checking the shared rules.
   *
   * @param c a configuration declaring {@link #SHARED}
   * @return the configuration to build a check or repair from
   */
  public static Configuration asShakeConfiguration(Configuration c) {
    ShakeRules.validateShared(c);
    ConfigurationBuilder b = Configuration.builder(ShakeOptions.ALL);
    for (ConfigOption<?> o : SHARED) {
      copy(b, c, o);
    }
    for (ConfigOption<?> o : TargetOptions.all()) {
      copy(b, c, o);
    }
    return b.build();
  }

  private static <T> void copy(ConfigurationBuilder b, Configuration from, ConfigOption<T> o) {
    b.set(o, from.get(o));
  }
}
