package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The tarball's {@code nimo-shake/bin/nimo-shake-flink.linux.amd64} as a user runs it: the shipped
 * nimo-shake.conf with the endpoints set, the embedded MiniCluster copying every item, a resumed
 * start finding its state; a bad key refused with exit 2 naming it; the secret never in the log.
 */
class FlinkLauncherIT {
  private static final String SECRET = "skFlinkNeverLogged9";
  @TempDir Path work;

  @Test
  void copiesATableEmbeddedAndRefusesABadKeyNamingIt() throws Exception {
    PackagedTool tool = PackagedTool.unpack(work);
    Path launcher = tool.shakeHome().resolve("bin/nimo-shake-flink.linux.amd64");
    assertThat(tool.shakeHome().resolve("NimoShakeFlink.jar")).exists();
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      TestTables.createHashOnly(source.client(), "orders", "id", ScalarAttributeType.S);
      TestTables.seed(source.client(), "orders", "id", 2000, 3);
      Map<String, String> values =
          new java.util.LinkedHashMap<>(PackagedTool.localEndpoints(source, target, SECRET));
      values.put("sync_mode", "full");
      values.put("target.type", "polardb");
      Path conf = work.resolve("nimo-shake.conf");
      Files.writeString(conf, tool.shippedConfWith(values));

      Process run =
          tool.start(
              launcher, work, work.resolve("out.log"), "-conf=" + conf, "--parallelism", "2");
      assertThat(run.waitFor(4, TimeUnit.MINUTES)).as("the embedded job ends").isTrue();
      assertThat(run.exitValue()).as(Files.readString(work.resolve("out.log"))).isZero();
      assertThat(TableContents.diff(source.client(), target.client(), "orders")).isEmpty();
      Path log = tool.shakeHome().resolve("logs/nimo-shake-flink.log");
      assertThat(Files.readString(log)).contains("full sync done").doesNotContain(SECRET);

      Files.writeString(conf, tool.shippedConfWith(Map.of("sync_mode", "sometimes")));
      Process bad = tool.start(launcher, work, work.resolve("bad.log"), "-conf=" + conf);
      assertThat(bad.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(bad.exitValue()).isEqualTo(2);
      assertThat(Files.readString(work.resolve("bad.log")))
          .contains("sync_mode")
          .contains("sometimes")
          .doesNotContain("Exception");
    }
  }

  private static boolean hasCheckpoint(Path state) throws java.io.IOException {
    if (!Files.isDirectory(state)) {
      return false;
    }
    try (var all = Files.walk(state)) {
      return all.anyMatch(p -> p.getFileName().toString().equals("_metadata"));
    }
  }

  private static long items(DynamoLocal target) {
    try {
      return target.client().scan(b -> b.tableName("slow").select("COUNT")).count();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Test
  void resumesAfterKillNineAndAfterASigtermSavepoint() throws Exception {
    PackagedTool tool = PackagedTool.unpack(work);
    Path launcher = tool.shakeHome().resolve("bin/nimo-shake-flink.linux.amd64");
    Path state = work.resolve("state");
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      TestTables.createHashOnly(source.client(), "slow", "id", ScalarAttributeType.S);
      TestTables.seed(source.client(), "slow", "id", 3000, 5);
      Map<String, String> values =
          new java.util.LinkedHashMap<>(PackagedTool.localEndpoints(source, target, SECRET));
      values.put("sync_mode", "full");
      values.put("target.type", "polardb");
      // 2 readers x 1 Scan call/s x 50 items: the copy takes about 30 s
      values.put("qps.full", "2");
      values.put("qps.full.batch_num", "50");
      values.put("checkpoint.interval", "500ms");
      Path conf = work.resolve("nimo-shake.conf");
      Files.writeString(conf, tool.shippedConfWith(values));
      String[] args = {"-conf=" + conf, "--parallelism", "2", "--state=" + state};

      Process first = tool.start(launcher, work, work.resolve("out1.log"), args);
      io.nimo.core.testkit.Await.until(
          "a checkpoint and 200 items copied",
          java.time.Duration.ofMinutes(3),
          () -> {
            assertThat(first.isAlive()).as("first run still copying").isTrue();
            try {
              return hasCheckpoint(state) && items(target) > 200;
            } catch (java.io.IOException stateBeingWritten) {
              return false;
            }
          });
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9 mid-Scan
      assertThat(items(target)).isBetween(1L, 2999L);

      Process second = tool.start(launcher, work, work.resolve("out2.log"), args);
      Path log = tool.shakeHome().resolve("logs/nimo-shake-flink.log");
      PackagedTool.awaitLog(log, "resuming from", second.toHandle());
      long before = items(target);
      io.nimo.core.testkit.Await.until(
          "200 more items copied after the restart",
          java.time.Duration.ofMinutes(3),
          () -> items(target) >= before + 200);
      second.destroy(); // SIGTERM: stop with a savepoint
      assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(Files.readString(log)).contains("stopped with a savepoint");

      Process third = tool.start(launcher, work, work.resolve("out3.log"), args);
      assertThat(third.waitFor(4, TimeUnit.MINUTES)).as("the resumed job ends").isTrue();
      assertThat(third.exitValue()).as(Files.readString(work.resolve("out3.log"))).isZero();
      assertThat(Files.readString(log)).contains("savepoint-");
      assertThat(TableContents.diff(source.client(), target.client(), "slow")).isEmpty();
    }
  }
}
