package io.nimo.flink;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ConfigLoader;
import io.nimo.core.config.Configuration;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.scan.ScanPlan;
import io.nimo.flink.stream.StreamPlan;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the Flink sync job ({@code NimoShakeFlink.jar}). Arguments: {@code
 * -conf=./conf/nimo-shake.conf} (the same keys as nimo-shake), {@code --parallelism N}, and one of:
 *
 * <ul>
 *   <li>nothing more, under {@code flink run}: the job runs on that cluster ({@code -s savepoint}
 *       resumes it);
 *   <li>{@code --cluster HOST:PORT}: submitted detached to a Flink REST address with this jar; the
 *       job id is printed; {@code --from-savepoint PATH} resumes;
 *   <li>{@code --embedded} (what the tarball's launcher passes): an embedded MiniCluster with
 *       checkpoints under {@code --state DIR} (default {@code state}), resumed from the newest one
 *       there; SIGTERM stops it with a savepoint.
 * </ul>
 *
 * <p>Exit codes as nimo-shake's: 0 done (or submitted), 1 the job failed, 2 a bad config.
 */
public final class NimoShakeFlink {
  private static final Logger LOG = LoggerFactory.getLogger(NimoShakeFlink.class);

  private NimoShakeFlink() {}

  /**
   * Runs the job as the arguments say and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the job as the arguments say.
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
      conf = new ShakeConf(ConfigLoader.readRaw(a.conf()));
      c = ShakeFlinkJob.validate(conf);
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("nimo-shake-flink: " + e.getMessage());
      System.err.println(
          "usage: nimo-shake-flink.linux.amd64 -conf=./conf/nimo-shake.conf [--parallelism N]"
              + " [--cluster HOST:PORT [--from-savepoint PATH]]");
      return 2;
    }
    try {
      if (a.embedded()) {
        return embedded(a, conf, c);
      }
      return onCluster(a, conf, c);
    } catch (ConfigException e) {
      System.err.println("nimo-shake-flink: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      LOG.error("nimo-shake-flink failed: {}", rootMessage(e), e);
      System.err.println("nimo-shake-flink: " + rootMessage(e));
      return 1;
    }
  }

  private static int onCluster(Args a, ShakeConf conf, Configuration c) throws Exception {
    org.apache.flink.configuration.Configuration flink =
        new org.apache.flink.configuration.Configuration();
    a.fromSavepoint().ifPresent(p -> flink.setString("execution.savepoint.path", p));
    StreamExecutionEnvironment env;
    if (a.cluster().isPresent()) {
      String[] hostPort = a.cluster().get().split(":", 2);
      String jar =
          Paths.get(
                  NimoShakeFlink.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      env =
          StreamExecutionEnvironment.createRemoteEnvironment(
              hostPort[0], Integer.parseInt(hostPort[1]), flink, jar);
    } else {
      env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
      if (env instanceof LocalStreamEnvironment) {
        return embedded(a, conf, c);
      }
    }
    int parallelism = a.parallelism() > 0 ? a.parallelism() : env.getParallelism();
    env.setParallelism(parallelism);
    env.enableCheckpointing(
        io.nimo.core.sync.full.FullSyncSettings.from(c).checkpointInterval().toMillis());
    ScanPlan plan = ShakeFlinkJob.plan(c, parallelism);
    StreamPlan streams = ShakeFlinkJob.streamPlan(c, plan);
    boolean restoring =
        env.getConfiguration()
            .getOptional(
                org.apache.flink.configuration.ConfigOptions.key("execution.savepoint.path")
                    .stringType()
                    .noDefaultValue())
            .isPresent();
    if (!restoring) {
      ShakeFlinkJob.prepareTargets(c, plan);
    }
    ShakeFlinkJob.addTo(env, conf, plan, streams);
    JobClient job =
        env.executeAsync("nimo-shake-flink " + io.nimo.core.sync.SyncSettings.from(c).id());
    System.out.println(job.getJobID());
    LOG.info(
        "submitted job {} ({} table(s), parallelism {})",
        job.getJobID(),
        plan.segments().size(),
        parallelism);
    return 0;
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
    resume.ifPresent(p -> flink.setString("execution.savepoint.path", p.toUri().toString()));
    int parallelism =
        a.parallelism() > 0
            ? a.parallelism()
            : Math.max(1, Runtime.getRuntime().availableProcessors());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
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
    JobClient job =
        env.executeAsync("nimo-shake-flink " + io.nimo.core.sync.SyncSettings.from(c).id());
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
