package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JobManager killed with SIGKILL mid-Scan, in application mode under ZooKeeper high availability:
 * the JobManager started again recovers the job from its newest checkpoint, main() runs again and
 * prepares nothing ({@code target.db.exist = drop} would wipe the copy), and under live traffic the
 * target ends equal to the source.
 */
class JobManagerFailoverIT {
  private static final Pattern SCAN_FINISHED =
      Pattern.compile("\"name\":\"Source: dynamodb-scan\"[^}]*?\"status\":\"FINISHED\"");
  @TempDir Path work;

  @Test
  void aJobManagerKilledMidScanIsReplacedAndTheJobRecoversWithoutPreparingTablesAgain()
      throws Exception {
    assertThat(StandaloneCluster.JOB_JAR).as("mvn package builds the job jar").exists();
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start();
        LocalZooKeeper zk = LocalZooKeeper.start(Files.createDirectories(work.resolve("zk")))) {
      FlinkTestEnvs.seededTable(source, "busy", 2500);
      Map<String, String> raw =
          TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work.resolve("cp"));
      raw.put("sync_mode", "all");
      raw.put("target.db.exist", "drop");
      // two readers at one Scan call a second of 40 items each: about 30 s of copying
      raw.put("qps.full", "2");
      raw.put("qps.full.batch_num", "40");
      raw.put("checkpoint.interval", "500ms");
      raw.put("incr.shard_discovery_interval", "1s");
      StringBuilder text = new StringBuilder();
      raw.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
      Path conf = Files.writeString(work.resolve("nimo-shake.conf"), text);
      LiveWriter traffic = new LiveWriter(source.newClient(), "busy", 2500, 40).start();
      try (StandaloneCluster cluster =
          StandaloneCluster.application(
              work.resolve("cluster"),
              1,
              2,
              new StandaloneCluster.Application(
                  List.of("--conf", conf.toString(), "--parallelism", "2"),
                  List.of(
                      "high-availability.type: zookeeper",
                      "high-availability.zookeeper.quorum: " + zk.quorum(),
                      "high-availability.storageDir: " + work.resolve("ha").toUri(),
                      "high-availability.cluster-id: nimo-failover-it"),
                  Map.of()))) {
        String job = cluster.awaitJob();
        Await.until(
            "a checkpoint while the Scan runs",
            Duration.ofMinutes(2),
            () ->
                cluster.completedCheckpoints(job) > 1
                    && TableContents.read(target.client(), "busy").size() > 300);
        assertThat(SCAN_FINISHED.matcher(cluster.job(job)).find()).as("still scanning").isFalse();

        cluster.killJobManager();
        cluster.startJobManager();

        Await.until(
            "the recovered job to finish its Scan",
            Duration.ofMinutes(4),
            () -> SCAN_FINISHED.matcher(cluster.job(job)).find());
        traffic.awaitMore(100);
        traffic.stop();
        Await.until(
            "target equal to source",
            Duration.ofMinutes(2),
            () -> TableContents.diff(source.client(), target.client(), "busy").isEmpty());

        String second = Files.readString(cluster.log("jobmanager-2"));
        assertThat(second)
            .as("the new JobManager restored the newest checkpoint")
            .containsPattern("Restoring job " + job + " from Checkpoint")
            .as("its main() ran again and kept the tables")
            .contains("an earlier run of this job prepared the target tables")
            .doesNotContain("target table ready");
        cluster.cancel(job);
        assertThat(cluster.jobManager().waitFor(2, TimeUnit.MINUTES))
            .as("a cancelled application ends its cluster")
            .isTrue();
      } finally {
        traffic.stop();
      }
    }
  }
}
