package io.nimo.flink;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.sync.SyncSettings;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.scan.ScanPlan;
import io.nimo.flink.stream.StreamPlan;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the Flink sync job ({@code NimoShakeFlink.jar}). Arguments: {@code
 * -conf=./conf/nimo-shake.conf} (the same keys as nimo-shake; a local path or a URI such as {@code
 * s3://bucket/nimo-shake.conf}) and {@code --set key=value} pairs over it, {@code --parallelism N},
 * and one of:
 *
 * <ul>
 *   <li>nothing more, run by Flink ({@code flink run}, or main() inside the JobManager in
 *       application mode: the Kubernetes operator, {@code standalone-job}, managed Flink): the job
 *       runs on that cluster; errors are thrown to Flink, nothing exits the JVM;
 *   <li>{@code --cluster HOST:PORT}: submitted detached to a Flink REST address with this jar; the
 *       job id is printed; {@code --from-savepoint PATH} resumes;
 *   <li>{@code --embedded} (what the tarball's launcher passes): an embedded MiniCluster with
 *       checkpoints under {@code --state DIR} (default {@code state}), resumed from the newest one
 *       there; SIGTERM stops it with a savepoint.
 * </ul>
 *
 * <p>Exit codes (launcher forms) as nimo-shake's: 0 done (or submitted), 1 the job failed, 2 a bad
 * config.
 */
public final class NimoShakeFlink {
  private static final Logger LOG = LoggerFactory.getLogger(NimoShakeFlink.class);
  private static final String USAGE =
      "usage: nimo-shake-flink.linux.amd64 -conf=./conf/nimo-shake.conf [--set key=value]..."
          + " [--parallelism N] [--cluster HOST:PORT [--from-savepoint PATH]]";

  private NimoShakeFlink() {}

  /**
   * Runs the job as the arguments say. Run by Flink, it submits the job and returns (or throws);
   * from the launcher, it exits with the job's code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    if (!(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment)) {
      submitFromFlink(args);
      return;
    }
    System.exit(run(args));
  }

  /**
   * Submits the job to the cluster that runs this main(): under {@code flink run}, or inside the
   * JobManager in application mode.
   *
   * @param args the arguments
   * @throws IllegalArgumentException for bad arguments
   * @throws ConfigException for a bad conf, naming the key
   * @throws IllegalStateException when the job cannot be submitted
   */
  static void submitFromFlink(String[] args) {
    Args a = Args.parse(args);
    ShakeConf conf = new ShakeConf(ConfSource.read(a));
    Configuration c = ShakeFlinkJob.validate(conf);
    try {
      submit(a, conf, c, StreamExecutionEnvironment.getExecutionEnvironment(savepointOf(a)));
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("nimo-shake-flink: " + rootMessage(e), e);
    }
  }

  /**
   * Runs the job as the launcher's arguments say.
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int run(String[] args) {
    Args a;
    ShakeConf conf;
    Configuration c;
    try {
      a = Args.parse(args);
      conf = new ShakeConf(ConfSource.read(a));
      c = ShakeFlinkJob.validate(conf);
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("nimo-shake-flink: " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    }
    try {
      if (a.cluster().isEmpty()) {
        return embedded(a, conf, c);
      }
      String[] hostPort = a.cluster().get().split(":", 2);
      String jar =
          Paths.get(
                  NimoShakeFlink.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createRemoteEnvironment(
              hostPort[0], Integer.parseInt(hostPort[1]), savepointOf(a), jar);
      submit(a, conf, c, env);
      return 0;
    } catch (ConfigException e) {
      System.err.println("nimo-shake-flink: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      LOG.error("nimo-shake-flink failed: {}", rootMessage(e), e);
      System.err.println("nimo-shake-flink: " + rootMessage(e));
      return 1;
    }
  }

  private static org.apache.flink.configuration.Configuration savepointOf(Args a) {
    org.apache.flink.configuration.Configuration flink =
        new org.apache.flink.configuration.Configuration();
    a.fromSavepoint().ifPresent(p -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, p));
    return flink;
  }

  private static void submit(
      Args a, ShakeConf conf, Configuration c, StreamExecutionEnvironment env) throws Exception {
    int parallelism = a.parallelism() > 0 ? a.parallelism() : env.getParallelism();
    env.setParallelism(parallelism);
    ScanPlan plan = ShakeFlinkJob.plan(c, parallelism);
    StreamPlan streams = ShakeFlinkJob.streamPlan(c, plan);
    String id = SyncSettings.from(c).id();
    boolean restoring =
        env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isPresent();
    PreparationMarker prepared = PreparationMarker.of(env.getConfiguration(), id);
    boolean onlyCreatesMissing = !SyncSettings.from(c).mode().copies();
    if (restoring) {
      LOG.info("restoring from a savepoint: the target tables are kept as they are");
    } else if (prepared.recorded()) {
      LOG.info(
          "an earlier run of this job prepared the target tables ({}); main() runs again after a"
              + " failover or an upgrade, so they are kept as they are (delete that file, or use"
              + " another id, for a fresh start)",
          prepared.file().orElseThrow());
    }
    if ((restoring || prepared.recorded()) && onlyCreatesMissing) {
      // an incr job never replaces a table: a table added to the conf gets its target table
      ShakeFlinkJob.prepareTargets(c, plan);
    } else if (!restoring && !prepared.recorded()) {
      ShakeFlinkJob.prepareTargets(c, plan);
      prepared.record();
    }
    ShakeFlinkJob.addTo(env, conf, plan, streams);
    JobClient job = env.executeAsync("nimo-shake-flink " + id);
    System.out.println(job.getJobID());
    LOG.info(
        "submitted job {} ({} table(s), parallelism {})",
        job.getJobID(),
        plan.segments().size(),
        parallelism);
  }

  private static int embedded(Args a, ShakeConf conf, Configuration c) throws Exception {
    Path state = a.state().toAbsolutePath();
    org.apache.flink.configuration.Configuration flink =
        new org.apache.flink.configuration.Configuration();
    flink.setString("execution.checkpointing.dir", state.resolve("checkpoints").toUri().toString());
    flink.setString(
        "execution.checkpointing.savepoint-dir", state.resolve("savepoints").toUri().toString());
    flink.setString(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    flink.setString("execution.checkpointing.num-retained", "2");
    flink.setString("restart-strategy.type", "fixed-delay");
    flink.setString("restart-strategy.fixed-delay.attempts", "3");
    flink.setString("restart-strategy.fixed-delay.delay", "5 s");
    Optional<Path> resume = StateFolder.latest(state);
    resume.ifPresent(p -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));
    int parallelism =
        a.parallelism() > 0
            ? a.parallelism()
            : Math.max(1, Runtime.getRuntime().availableProcessors());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
    // one host, as nimo-shake: progress as often as nimo-shake persists it
    env.enableCheckpointing(
        io.nimo.core.sync.full.FullSyncSettings.from(c).checkpointInterval().toMillis());
    ScanPlan plan = ShakeFlinkJob.plan(c, parallelism);
    StreamPlan streams = ShakeFlinkJob.streamPlan(c, plan);
    if (resume.isPresent()) {
      LOG.info("resuming from {}", resume.get());
    } else {
      ShakeFlinkJob.prepareTargets(c, plan);
    }
    ShakeFlinkJob.addTo(env, conf, plan, streams);
    JobClient job = env.executeAsync("nimo-shake-flink " + SyncSettings.from(c).id());
    LOG.info("embedded job {} started, state in {}", job.getJobID(), state);
    Thread stop = new Thread(() -> stopWithSavepoint(job, state), "nimo-flink-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      job.getJobExecutionResult().get();
      Runtime.getRuntime().removeShutdownHook(stop);
      LOG.info("------------------------full sync done!------------------------");
      return 0;
    } catch (ExecutionException e) {
      LOG.error("the job failed: {}", rootMessage(e), e);
      System.err.println("nimo-shake-flink: " + rootMessage(e));
      return 1;
    }
  }

  private static void stopWithSavepoint(JobClient job, Path state) {
    try {
      String at =
          job.stopWithSavepoint(
                  false,
                  state.resolve("savepoints").toUri().toString(),
                  SavepointFormatType.CANONICAL)
              .get(60, TimeUnit.SECONDS);
      LOG.info("stopped with a savepoint at {}; the next start resumes from it", at);
    } catch (Exception e) {
      LOG.warn(
          "no stop savepoint ({}); the next start resumes from the last checkpoint",
          rootMessage(e));
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
