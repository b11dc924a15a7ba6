package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestTables;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The job jar on a real standalone Flink cluster in separate JVMs (a JobManager and TaskManagers of
 * two slots), submitted as a user does ({@code --cluster HOST:PORT}), {@code sync_mode = all} under
 * live traffic: one TaskManager is killed with SIGKILL mid-Scan and another mid-stream,
 * replacements join, the job restores from its checkpoints, and the target ends equal to the source
 * item for item; then the job is stopped with a savepoint and resumed from it at a larger
 * parallelism, and again ends equal.
 */
class StandaloneClusterIT {
  private static final Path JOB_JAR = StandaloneCluster.JOB_JAR;
  private static final Pattern SCAN_FINISHED =
      Pattern.compile("\"name\":\"Source: dynamodb-scan\"[^}]*?\"status\":\"FINISHED\"");
  @TempDir Path work;

  private String submit(Path conf, StandaloneCluster cluster, String... more) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(System.getProperty("nimo.flink.opens", "").split(" ")));
    cmd.removeIf(String::isBlank);
    cmd.addAll(
        List.of(
            "-cp",
            JOB_JAR.toAbsolutePath()
                + File.pathSeparator
                + StandaloneCluster.FLINK_LIB.toAbsolutePath()
                + File.separator
                + "*",
            "io.nimo.flink.NimoShakeFlink",
            "-conf=" + conf,
            "--cluster",
            "localhost:" + cluster.restPort));
    cmd.addAll(List.of(more));
    Path out = Files.createTempFile(work, "submit", ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the client returns after submitting").isTrue();
    String printed = Files.readString(out);
    assertThat(p.exitValue()).as(printed).isZero();
    Matcher id = Pattern.compile("(?m)^([0-9a-f]{32})$").matcher(printed);
    assertThat(id.find()).as("job id printed: %s", printed).isTrue();
    return id.group(1);
  }

  private static void await(String what, int minutes, BooleanSupplier done) throws Exception {
    io.nimo.core.testkit.Await.until(what, java.time.Duration.ofMinutes(minutes), done);
  }

  private static void awaitEqual(DynamoLocal source, DynamoLocal target, String table)
      throws Exception {
    await(
        "target equal to source",
        2,
        () -> TableContents.diff(source.client(), target.client(), table).isEmpty());
  }

  private String stopWithSavepoint(StandaloneCluster cluster, String job) throws Exception {
    String trigger = cluster.post("/jobs/" + job + "/stop", "{\"drain\":false}");
    Matcher id = Pattern.compile("\"request-id\":\"([0-9a-f]+)\"").matcher(trigger);
    assertThat(id.find()).as("stop accepted: %s", trigger).isTrue();
    String[] location = new String[1];
    await(
        "the stop savepoint",
        2,
        () -> {
          try {
            String s = cluster.get("/jobs/" + job + "/savepoints/" + id.group(1));
            Matcher at = Pattern.compile("\"location\":\"([^\"]+)\"").matcher(s);
            if (at.find()) {
              location[0] = at.group(1);
            }
            return location[0] != null;
          } catch (Exception e) {
            return false;
          }
        });
    return location[0];
  }

  @Test
  void allModeSurvivesTaskManagersKilledMidScanAndMidStreamAndResumesRescaledFromASavepoint()
      throws Exception {
    assertThat(JOB_JAR).as("mvn package builds the job jar before the ITs").exists();
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start();
        StandaloneCluster cluster = StandaloneCluster.start(work.resolve("cluster"), 2, 2)) {
      TestTables.createHashOnly(source.client(), "big", "id", ScalarAttributeType.S);
      TestTables.seed(source.client(), "big", "id", 4000, 11);
      Map<String, String> raw =
          TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work.resolve("cp"));
      raw.put("sync_mode", "all");
      // four readers at one Scan call a second of 40 items each: about 25 s of copying
      raw.put("qps.full", "4");
      raw.put("qps.full.batch_num", "40");
      raw.put("checkpoint.interval", "500ms");
      raw.put("incr.start_probe", "1s");
      raw.put("incr.shard_discovery_interval", "1s");
      StringBuilder text = new StringBuilder();
      raw.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
      Path conf = work.resolve("nimo-shake.conf");
      Files.writeString(conf, text);

      LiveWriter traffic = new LiveWriter(source.newClient(), "big", 4000, 40).start();
      String job = submit(conf, cluster, "--parallelism", "4");
      await(
          "a checkpoint while the Scan runs",
          2,
          () ->
              cluster.completedCheckpoints(job) > 0
                  && TableContents.read(target.client(), "big").size() > 400);
      assertThat(SCAN_FINISHED.matcher(cluster.job(job)).find()).as("still scanning").isFalse();
      cluster.taskManagers.get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
      cluster.addTaskManager();

      await("the Scan to finish", 4, () -> SCAN_FINISHED.matcher(cluster.job(job)).find());
      int before = cluster.completedCheckpoints(job);
      await(
          "a checkpoint while following the stream",
          2,
          () -> cluster.completedCheckpoints(job) > before);
      cluster.taskManagers.get(1).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      cluster.addTaskManager();
      traffic.awaitMore(150); // changes while the job recovers and after
      traffic.stop();
      awaitEqual(source, target, "big");
      assertThat(cluster.job(job)).contains("\"state\":\"RUNNING\"");
      assertThat(Files.readString(cluster.log("jobmanager")))
          .as("the job restarted after losing each TaskManager")
          .containsPattern("(?s)RESTARTING.*RESTARTING");
      for (String tm : List.of("taskmanager-1", "taskmanager-2")) {
        assertThat(Files.readString(cluster.log(tm)))
            .as("Scan readers ran on %s", tm)
            .contains("dynamodb-scan");
      }

      String savepoint = stopWithSavepoint(cluster, job);
      cluster.addTaskManager();
      cluster.awaitSlots(6);
      LiveWriter more = new LiveWriter(source.newClient(), "big", 4000, 40).start();
      String resumed = submit(conf, cluster, "--parallelism", "6", "--from-savepoint", savepoint);
      more.awaitMore(120);
      more.stop();
      awaitEqual(source, target, "big");
      String state = cluster.job(resumed);
      assertThat(state).contains("\"state\":\"RUNNING\"").contains("\"parallelism\":6");
      assertThat(Files.readString(cluster.log("jobmanager")))
          .as("the second job restored the savepoint")
          .contains("Starting job " + resumed + " from savepoint");
    }
  }
}
