package io.nimo.dist;

import static io.nimo.dist.LauncherFixture.ITEMS;
import static io.nimo.dist.LauncherFixture.awaitCondition;
import static io.nimo.dist.LauncherFixture.awaitFile;
import static io.nimo.dist.LauncherFixture.awaitWritten;
import static io.nimo.dist.LauncherFixture.spooledBytes;
import static io.nimo.dist.LauncherFixture.writtenInCheckpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Runs bin/nimo-shake.linux.amd64 from the built tarball, as a user would: copies, and resumes
 * after SIGKILL in each phase.
 */
class NimoShakeLauncherIT {
  @TempDir static Path unpacked;
  private static LauncherFixture fx;
  private static PackagedTool tool;
  private static DynamoLocal source;

  @BeforeAll
  static void setUp() throws Exception {
    fx = LauncherFixture.start(unpacked);
    tool = fx.tool;
    source = fx.source;
  }

  @AfterAll
  static void tearDown() {
    fx.close();
  }

  private static Map<String, String> conf(DynamoLocal target, String id) {
    return fx.conf(target, id);
  }

  private static void awaitEqual(DynamoLocal target, String table, Process p, Path log)
      throws Exception {
    fx.awaitEqual(target, table, p, log);
  }

  @Test
  void copiesTablesWhenRunFromAnotherDirectoryWithTheOriginalFlagForm(@TempDir Path work)
      throws Exception {
    try (DynamoLocal target = DynamoLocal.start()) {
      Map<String, String> v = conf(target, "launch-ok");
      v.put("log.file", "nimo-shake.log");
      Files.writeString(work.resolve("my.conf"), tool.shippedConfWith(v), StandardCharsets.UTF_8);

      PackagedTool.Result r = tool.run(work, "-conf=my.conf");

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output())
          .contains("nimo-shake summary: COMPLETED")
          .contains("events")
          .contains("written=3000");
      assertThat(r.output()).doesNotContain("local-secret-value");
      assertThat(TableContents.diff(source.client(), target.client(), "events")).isEmpty();
      Path log = tool.shakeHome().resolve("logs/nimo-shake.log");
      assertThat(log).exists();
      assertThat(Files.readString(log))
          .contains("full sync done")
          .doesNotContain("local-secret-value");
      assertThat(tool.shakeHome().resolve("checkpoint/launch-ok-checkpoint/status_table.json"))
          .exists();
    }
  }

  @Test
  void resumesAfterSigkillMidScanWithoutStartingOver(@TempDir Path work) throws Exception {
    try (DynamoLocal target = DynamoLocal.start()) {
      Map<String, String> v = conf(target, "launch-kill");
      v.put("qps.full", "4");
      v.put("qps.full.batch_num", "50");
      v.put("full.read.concurrency", "2");
      v.put("target.db.exist", "drop");
      Path conf = work.resolve("kill.conf");
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      Path cp = tool.shakeHome().resolve("checkpoint/launch-kill-checkpoint/full.events.json");

      Process p = tool.start(work, work.resolve("first.log"), "-conf=" + conf);
      awaitWritten(cp, 600, p);
      p.destroyForcibly().waitFor();
      assertThat(writtenInCheckpoint(cp)).isLessThan(ITEMS);
      target.client().putItem(b -> b.tableName("events").item(Map.of("id", TestItems.s("marker"))));

      Files.writeString(
          conf,
          tool.shippedConfWith(
              Map.of(
                  "id",
                  "launch-kill",
                  "sync_mode",
                  "full",
                  "source.endpoint_url",
                  source.endpoint(),
                  "target.address",
                  target.endpoint(),
                  "source.access_key_id",
                  "a",
                  "source.secret_access_key",
                  "b",
                  "target.access_key_id",
                  "a",
                  "target.secret_access_key",
                  "b",
                  "target.db.exist",
                  "drop",
                  "full_sync.http_port",
                  "0")),
          StandardCharsets.UTF_8);
      PackagedTool.Result r = tool.run(work, "-conf=" + conf);

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("resuming from checkpoint");
      assertThat(TableContents.diff(source.client(), target.client(), "events"))
          .containsExactly("extra on target: id=S:marker");
    }
  }

  @Test
  void followsTheStreamAndResumesAfterSigkillDuringTheIncrementalPhase(@TempDir Path work)
      throws Exception {
    TestTables.createHashOnly(source.client(), "live", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "live", "id", 500, 4);
    try (DynamoLocal target = DynamoLocal.start()) {
      Map<String, String> v = conf(target, "launch-incr");
      v.put("sync_mode", "all");
      v.put("incr_sync.http_port", "0");
      v.put("filter.collection.white", "live");
      v.put("incr.shard_discovery_interval", "500ms");
      Path conf = work.resolve("incr.conf");
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      Path status = tool.shakeHome().resolve("checkpoint/launch-incr-checkpoint/status_table.json");

      Process first = tool.start(work, work.resolve("first.log"), "-conf=" + conf);
      awaitFile(status, "\"status_value\" : \"incr_sync\"", first);
      LiveWriter writer = new LiveWriter(source.newClient(), "live", 500, 50).start();
      writer.awaitMore(100); // changes while nimo-shake follows the stream
      first.destroyForcibly().waitFor();
      writer.awaitMore(50); // changes while it is down
      writer.stop();

      Process second = tool.start(work, work.resolve("second.log"), "-conf=" + conf);
      awaitEqual(target, "live", second, work.resolve("second.log"));
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(work.resolve("second.log"));
      assertThat(second.exitValue()).as(log).isZero();
      assertThat(log).contains("start incr sync").doesNotContain("full sync done").contains("INCR");
    }
  }

  @Test
  void resumesAfterSigkillDuringSpoolingAndLosesNothing(@TempDir Path work) throws Exception {
    TestTables.createHashOnly(source.client(), "spooled", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "spooled", "id", 1500, 5);
    try (DynamoLocal target = DynamoLocal.start()) {
      Map<String, String> v = conf(target, "launch-spool");
      v.put("sync_mode", "all");
      v.put("incr_sync_parallel", "true");
      v.put("incr_sync.http_port", "0");
      v.put("filter.collection.white", "spooled");
      v.put("incr.shard_discovery_interval", "500ms");
      v.put("qps.full", "4");
      v.put("qps.full.batch_num", "50");
      v.put("full.read.concurrency", "2");
      Path conf = work.resolve("spool.conf");
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      Path spoolDir = tool.shakeHome().resolve("spool/launch-spool/spooled");
      Path status =
          tool.shakeHome().resolve("checkpoint/launch-spool-checkpoint/status_table.json");

      Process first = tool.start(work, work.resolve("first.log"), "-conf=" + conf);
      awaitFile(status, "full_sync", first);
      LiveWriter writer = new LiveWriter(source.newClient(), "spooled", 1500, 40).start();
      awaitCondition("changes spooled", first, () -> spooledBytes(spoolDir) > 0);
      first.destroyForcibly().waitFor();
      assertThat(Files.readString(status)).as("killed during the full sync").contains("full_sync");
      writer.awaitMore(40); // changes while nimo-shake is down

      Process second = tool.start(work, work.resolve("second.log"), "-conf=" + conf);
      try {
        awaitFile(status, "incr_sync", second);
      } catch (AssertionError e) {
        throw new AssertionError(Files.readString(work.resolve("second.log")), e);
      }
      writer.stop();
      awaitEqual(target, "spooled", second, work.resolve("second.log"));
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(work.resolve("second.log"));
      assertThat(second.exitValue()).as(log).isZero();
      assertThat(log).contains("resuming the previous run's spool").contains("replaying");
      assertThat(spooledBytes(spoolDir)).isZero();
    }
  }
}
