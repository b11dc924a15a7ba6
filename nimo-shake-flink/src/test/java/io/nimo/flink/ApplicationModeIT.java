package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Application mode as the Kubernetes operator, {@code standalone-job} and managed Flink run the
 * job: Flink's {@code StandaloneApplicationClusterEntryPoint} runs main() inside the JobManager,
 * TaskManagers run in their own JVMs, the conf comes from a URI the JobManager reads and its
 * secrets from the processes' environment.
 */
class ApplicationModeIT {
  private static final String SECRET = JobGraphSecretsTest.SECRET;
  @TempDir Path work;

  private Path conf(DynamoLocal source, DynamoLocal target, Map<String, String> more)
      throws Exception {
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work.resolve("cp"));
    raw.put("source.secret_access_key", "${env:NIMO_TEST_SECRET}");
    raw.put("target.secret_access_key", "${env:NIMO_TEST_SECRET}");
    raw.put("qps.full", "6");
    raw.put("qps.full.batch_num", "100");
    raw.putAll(more);
    StringBuilder text = new StringBuilder();
    raw.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
    return Files.writeString(work.resolve("nimo-shake.conf"), text);
  }

  private StandaloneCluster cluster(Path conf, List<String> confLines) throws Exception {
    return StandaloneCluster.application(
        work.resolve("cluster"),
        1,
        2,
        new StandaloneCluster.Application(
            List.of("--conf", conf.toUri().toString(), "--parallelism", "2"),
            confLines,
            Map.of("NIMO_TEST_SECRET", SECRET)));
  }

  @Test
  void mainRunsInTheJobManagerCopiesTheTableAndTheClusterExitsByItselfWithoutShowingSecrets()
      throws Exception {
    assertThat(StandaloneCluster.JOB_JAR).as("mvn package builds the job jar").exists();
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      FlinkTestEnvs.seededTable(source, "apps", 3000);
      try (StandaloneCluster cluster = cluster(conf(source, target, Map.of()), List.of())) {
        String job = cluster.awaitJob();
        Await.until(
            "the job running",
            Duration.ofMinutes(2),
            () -> cluster.job(job).contains("\"state\":\"RUNNING\""));
        for (String page :
            List.of("/jobs/" + job + "/config", "/jobs/" + job + "/plan", "/jobmanager/config")) {
          assertThat(cluster.get(page)).as(page).doesNotContain(SECRET);
        }
        assertThat(cluster.jobManager().waitFor(3, TimeUnit.MINUTES))
            .as("the JobManager exits once the application is done")
            .isTrue();
        assertThat(cluster.jobManager().exitValue()).as(cluster.logs()).isZero();
        assertThat(TableContents.diff(source.client(), target.client(), "apps")).isEmpty();
        assertThat(cluster.logs())
            .contains("target table ready")
            .contains("Application completed SUCCESSFULLY")
            .doesNotContain(SECRET);
      }
    }
  }

  @Test
  void aBadConfFailsTheApplicationNamingTheKeyAndTheJobManagerExits() throws Exception {
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      Path conf = conf(source, target, Map.of("full.read.concurrency", "many"));
      try (StandaloneCluster cluster = cluster(conf, List.of())) {
        assertThat(cluster.jobManager().waitFor(3, TimeUnit.MINUTES))
            .as("the JobManager exits")
            .isTrue();
        assertThat(cluster.jobManager().exitValue()).isNotZero();
        assertThat(Files.readString(cluster.log("jobmanager")))
            .contains("full.read.concurrency")
            .contains("many");
      }
    }
  }
}
