package io.nimo.backsync;

import io.nimo.backsync.apply.SdkItemStoreFactory;
import io.nimo.backsync.apply.SdkTargetKeys;
import io.nimo.backsync.config.BackSyncConfigException;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.config.ConfigLocator;
import io.nimo.backsync.config.MainArgs;
import io.nimo.backsync.local.LocalRunner;
import io.nimo.backsync.source.Discovery;
import io.nimo.backsync.source.LayoutDiscovery;
import io.nimo.backsync.source.SourcePreflight;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: on a Flink cluster (the guide's JAR job, entry {@code
 * org.example.PolarDBCdcJob}) it defines the job and submits it; with {@code --local} it runs it in
 * an embedded MiniCluster; with {@code --describe} it prints each table's discovered layout and
 * exits 0, or 2 naming what must be fixed. Configuration and layout errors are reported before
 * anything starts.
 */
public final class BackSyncMain {
  private static final Logger LOG = LoggerFactory.getLogger(BackSyncMain.class);

  private BackSyncMain() {}

  /**
   * Runs the job.
   *
   * @param args the guide's arguments, plus {@code --local} or {@code --describe}
   * @throws Exception when the cluster refuses the job
   */
  public static void main(String[] args) throws Exception {
    MainArgs parsed;
    BackSyncOptions options;
    Discovery found;
    try {
      parsed = MainArgs.parse(args);
      options = ConfigLocator.load(parsed);
      List<String> problems = new ArrayList<>();
      try {
        SourcePreflight.check(options);
      } catch (BackSyncConfigException e) {
        if (!parsed.describe()) {
          throw e;
        }
        problems.add(e.getMessage());
      }
      found = discover(options);
      problems.addAll(found.problems());
      if (parsed.describe()) {
        describe(found, problems, isLocal(args));
        return;
      }
      if (!problems.isEmpty()) {
        throw new BackSyncConfigException(String.join("\n", problems));
      }
    } catch (BackSyncConfigException e) {
      if (isLocal(args)) {
        System.err.println(
            "polardb-backsync: " + e.getMessage().replace("\n", "\npolardb-backsync: "));
        System.exit(2);
      }
      throw e; // on a cluster the submission fails with this message
    }
    if (parsed.local()) {
      System.exit(
          new LocalRunner(options, found.layouts(), new SdkItemStoreFactory(options)).run());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    BackSyncJob.define(env, options, found.layouts(), new SdkItemStoreFactory(options));
    env.execute("PolarDBBackSync");
  }

  /**
   * Finds every table's layout and logs it, one line per table.
   *
   * @param options the job options
   * @return what was found
   */
  public static Discovery discover(BackSyncOptions options) {
    Discovery found;
    try (SdkTargetKeys keys = new SdkTargetKeys(options)) {
      found = new LayoutDiscovery(options, keys).discover();
    }
    found.report("").forEach(line -> LOG.info("{}", line));
    return found;
  }

  private static void describe(Discovery found, List<String> problems, boolean local) {
    for (String line : found.report("")) {
      if (!line.startsWith("PROBLEM: ")) {
        System.out.println(line);
      }
    }
    problems.forEach(p -> System.out.println("PROBLEM: " + p));
    System.out.println(
        problems.isEmpty()
            ? "layout OK: " + found.layouts().tables().size() + " table(s) to sync back"
            : problems.size() + " problem(s) to fix before the job can run");
    if (!problems.isEmpty() && !local) {
      throw new BackSyncConfigException(String.join("\n", problems));
    }
    if (local) {
      System.exit(problems.isEmpty() ? 0 : 2);
    }
  }

  private static boolean isLocal(String[] args) {
    for (String a : args) {
      if (a.equals("--local") || a.equals("-local")) {
        return true;
      }
    }
    return false;
  }
}
