package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The job jar on a real standalone Flink cluster in separate JVMs (a JobManager and two
 * TaskManagers of two slots), submitted as a user does ({@code --cluster HOST:PORT}): one
 * TaskManager is killed with SIGKILL mid-Scan, a replacement joins, the job restores from its
 * checkpoint, and the target ends equal to the source item for item.
 */
class StandaloneClusterIT {
  private static final Path JOB_JAR = Path.of("target/NimoShakeFlink.jar");
  @TempDir Path work;

  private static long count(DynamoLocal target, String table) {
    try {
      return target.client().scan(b -> b.tableName(table).select("COUNT")).count();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private String submit(Path conf, StandaloneCluster cluster) throws Exception {
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
            "localhost:" + cluster.restPort,
            "--parallelism",
            "4"));
    Path out = work.resolve("submit.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the client returns after submitting").isTrue();
    String printed = Files.readString(out);
    assertThat(p.exitValue()).as(printed).isZero();
    Matcher id = Pattern.compile("(?m)^([0-9a-f]{32})$").matcher(printed);
    assertThat(id.find()).as("job id printed: %s", printed).isTrue();
    return id.group(1);
  }

  @Test
  void survivesATaskManagerKilledMidScanAndEndsEqual() throws Exception {
    assertThat(JOB_JAR).as("mvn package builds the job jar before the ITs").exists();
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start();
        StandaloneCluster cluster = StandaloneCluster.start(work.resolve("cluster"), 2, 2)) {
      TestTables.createHashOnly(source.client(), "big", "id", ScalarAttributeType.S);
      TestTables.seed(source.client(), "big", "id", 4000, 11);
      Map<String, String> raw =
          TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work.resolve("cp"));
      // four readers at one Scan call a second of 40 items each: about 25 s of copying
      raw.put("qps.full", "4");
      raw.put("qps.full.batch_num", "40");
      raw.put("checkpoint.interval", "500ms");
      StringBuilder text = new StringBuilder();
      raw.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
      Path conf = work.resolve("nimo-shake.conf");
      Files.writeString(conf, text);

      String job = submit(conf, cluster);
      long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (System.nanoTime() < end
          && !(cluster.get("/jobs/" + job + "/checkpoints").matches(".*\"completed\":[1-9].*")
              && count(target, "big") > 400)) {
        Thread.sleep(300);
      }
      assertThat(count(target, "big")).as("copying when the TaskManager dies").isBetween(1L, 3999L);
      cluster.taskManagers.get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
      cluster.addTaskManager();

      end = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      String state = "";
      while (System.nanoTime() < end) {
        state = cluster.get("/jobs/" + job);
        if (state.contains("\"state\":\"FINISHED\"") || state.contains("\"state\":\"FAILED\"")) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(state).contains("\"state\":\"FINISHED\"");
      assertThat(TableContents.diff(source.client(), target.client(), "big")).isEmpty();
      assertThat(Files.readString(cluster.log("jobmanager")))
          .as("the job restarted after losing the TaskManager")
          .contains("RESTARTING");
      for (String tm : List.of("taskmanager-1", "taskmanager-2")) {
        assertThat(Files.readString(cluster.log(tm)))
            .as("Scan readers ran on %s", tm)
            .contains("dynamodb-scan");
      }
    }
  }
}
