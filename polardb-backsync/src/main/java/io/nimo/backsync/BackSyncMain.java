package io.nimo.backsync;

import io.nimo.backsync.apply.SdkItemStoreFactory;
import io.nimo.backsync.config.BackSyncConfigException;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.config.ConfigLocator;
import io.nimo.backsync.config.MainArgs;
import io.nimo.backsync.local.LocalRunner;
import io.nimo.backsync.source.SourcePreflight;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point: on a Flink cluster (the guide's JAR job, entry {@code
 * org.example.PolarDBCdcJob}) it defines the job and submits it; with {@code --local} it runs it in
 * an embedded MiniCluster. Configuration errors are reported before anything starts.
 */
public final class BackSyncMain {
  private BackSyncMain() {}

  /**
   * Runs the job.
   *
   * @param args the guide's arguments, plus {@code --local}
   * @throws Exception when the cluster refuses the job
   */
  public static void main(String[] args) throws Exception {
    MainArgs parsed;
    BackSyncOptions options;
    try {
      parsed = MainArgs.parse(args);
      options = ConfigLocator.load(parsed);
      SourcePreflight.check(options);
    } catch (BackSyncConfigException e) {
      if (isLocal(args)) {
        System.err.println("polardb-backsync: " + e.getMessage());
        System.exit(2);
      }
      throw e; // on a cluster the submission fails with this message
    }
    if (parsed.local()) {
      System.exit(new LocalRunner(options, new SdkItemStoreFactory(options)).run());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    BackSyncJob.define(env, options, new SdkItemStoreFactory(options));
    env.execute("PolarDBBackSync");
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
