package io.nimo.backsync.local;

import io.nimo.backsync.BackSyncJob;
import io.nimo.backsync.apply.ItemStoreFactory;
import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.source.Layouts;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job without a Flink cluster ({@code --local}): an embedded MiniCluster, checkpoints
 * under {@code local.stateDir}, a resume from the newest savepoint or retained checkpoint there,
 * and on SIGTERM a stop with a savepoint so the next start continues where this one stopped.
 */
public final class LocalRunner {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

  private final BackSyncOptions options;
  private final Layouts layouts;
  private final ItemStoreFactory stores;

  /**
   * A runner.
   *
   * @param options the job options
   * @param layouts what start-up discovery found
   * @param stores opens the DynamoDB seam
   */
  public LocalRunner(BackSyncOptions options, Layouts layouts, ItemStoreFactory stores) {
    this.options = options;
    this.layouts = layouts;
    this.stores = stores;
  }

  /**
   * Starts the job and waits for it; installs the SIGTERM stop.
   *
   * @return the process exit code: 0 after a stop, 1 after a failure
   * @throws InterruptedException when interrupted
   */
  public int run() throws InterruptedException {
    Path state = Paths.get(options.get(BackSyncKeys.LOCAL_STATE_DIR)).toAbsolutePath();
    JobClient client;
    try {
      client = start(state);
    } catch (Exception e) {
      LOG.error("polardb-backsync could not start: {}", e.toString(), e);
      return 1;
    }
    Thread stop = new Thread(() -> stop(client, state), "backsync-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      client.getJobExecutionResult().get();
      LOG.info("polardb-backsync job {} ended", client.getJobID());
      return 0;
    } catch (ExecutionException e) {
      LOG.error("polardb-backsync job failed: {}", rootMessage(e), e);
      return 1;
    }
  }

  /**
   * Builds the configuration and submits the job to an embedded MiniCluster.
   *
   * @param state the state folder
   * @return the running job
   * @throws Exception when the job cannot start
   */
  public JobClient start(Path state) throws Exception {
    Configuration conf = new Configuration();
    conf.setString("execution.checkpointing.dir", state.resolve("checkpoints").toUri().toString());
    conf.setString(
        "execution.checkpointing.savepoint-dir", state.resolve("savepoints").toUri().toString());
    conf.setString(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    conf.setString("execution.checkpointing.num-retained", "2");
    int attempts = options.get(BackSyncKeys.LOCAL_RESTART_ATTEMPTS);
    if (attempts == 0) {
      conf.setString("restart-strategy.type", "none");
    } else {
      conf.setString("restart-strategy.type", "fixed-delay");
      conf.setString("restart-strategy.fixed-delay.attempts", String.valueOf(attempts));
      conf.setString("restart-strategy.fixed-delay.delay", "10 s");
    }
    Optional<Path> resume = LatestState.find(state);
    if (resume.isPresent()) {
      conf.setString("execution.savepoint.path", resume.get().toUri().toString());
      LOG.info("resuming from {}", resume.get());
    } else {
      LOG.info("no savepoint or checkpoint under {}: starting as snapshot.mode says", state);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    BackSyncJob.define(env, options, layouts, stores);
    JobClient client = env.executeAsync("PolarDBBackSync");
    LOG.info("polardb-backsync job {} started with {}", client.getJobID(), options);
    return client;
  }

  private static void stop(JobClient client, Path state) {
    try {
      String at =
          client
              .stopWithSavepoint(
                  false,
                  state.resolve("savepoints").toUri().toString(),
                  SavepointFormatType.CANONICAL)
              .get(120, TimeUnit.SECONDS);
      LOG.info("stopped with a savepoint at {}; the next start resumes from it", at);
    } catch (Exception e) {
      LOG.warn(
          "no stop savepoint ({}); the next start resumes from the last retained checkpoint",
          rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.toString();
  }
}
