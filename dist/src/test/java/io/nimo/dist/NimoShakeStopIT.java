package io.nimo.dist;

import static io.nimo.dist.LauncherFixture.ITEMS;
import static io.nimo.dist.LauncherFixture.awaitCondition;
import static io.nimo.dist.LauncherFixture.awaitFile;
import static io.nimo.dist.LauncherFixture.awaitWritten;
import static io.nimo.dist.LauncherFixture.occurrences;
import static io.nimo.dist.LauncherFixture.writtenInCheckpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.OutageProxy;
import io.nimo.core.testkit.SilentServer;
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
 * Stops bin/nimo-shake.linux.amd64 from the built tarball with SIGTERM, as an operator does: during
 * the full sync, while following the stream into a hanging target, and while start-up retries an
 * unreachable checkpoint store.
 */
class NimoShakeStopIT {
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
  void sigtermDuringTheFullSyncCheckpointsAndExitsWithThree(@TempDir Path work) throws Exception {
    try (DynamoLocal target = DynamoLocal.start()) {
      Map<String, String> v = conf(target, "launch-term");
      v.put("qps.full", "4");
      v.put("qps.full.batch_num", "50");
      v.put("full.read.concurrency", "2");
      Path conf = work.resolve("term.conf");
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      Path cp = tool.shakeHome().resolve("checkpoint/launch-term-checkpoint/full.events.json");
      Process p = tool.start(work, work.resolve("term.log"), "-conf=" + conf);
      awaitWritten(cp, 300, p);
      p.destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(work.resolve("term.log"));
      assertThat(p.exitValue()).as(log).isEqualTo(3);
      assertThat(log).contains("SIGTERM received").contains("STOPPED");
      long saved = writtenInCheckpoint(cp);
      assertThat(saved).isBetween(300L, (long) ITEMS - 1);

      v.put("qps.full", "1000"); // the pace only made the first run slow enough to interrupt
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      PackagedTool.Result again = tool.run(work, "-conf=" + conf);
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.output())
          .contains("resuming from checkpoint (" + saved + " items already written");
      assertThat(TableContents.diff(source.client(), target.client(), "events")).isEmpty();
    }
  }

  /** A target that refuses connections, and one that accepts them but never answers. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"refused", "silent"})
  void sigtermDuringATargetOutageEndsWithinFifteenSecondsAndTheNextRunResumes(
      String outage, @TempDir Path work) throws Exception {
    try (DynamoLocal target = DynamoLocal.start();
        OutageProxy proxy = new OutageProxy(target.port())) {
      Map<String, String> v = conf(target, "launch-outage-" + outage);
      v.put("target.address", "http://127.0.0.1:" + proxy.port());
      v.put("qps.full", "4");
      v.put("qps.full.batch_num", "50");
      v.put("full.read.concurrency", "2");
      Path conf = work.resolve("outage-" + outage + ".conf");
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      Path cp =
          tool.shakeHome()
              .resolve("checkpoint/launch-outage-" + outage + "-checkpoint/full.events.json");
      Process p = tool.start(work, work.resolve("outage.log"), "-conf=" + conf);
      awaitWritten(cp, 200, p);
      Path out = work.resolve("outage.log");
      if (outage.equals("refused")) {
        int before = occurrences(out, "failed (connection");
        proxy.down(); // the target is gone: writes are retried within retry.budget (5 min)
        awaitCondition(
            "a write retried against the refusing target",
            p,
            () -> occurrences(out, "failed (connection") > before);
      } else {
        proxy.silence(); // the target hangs: writes block on the socket
        awaitCondition("a write hanging on the silent target", p, () -> proxy.hanging() > 0);
      }
      assertThat(p.isAlive()).as("still retrying the target").isTrue();
      long stopAt = System.nanoTime();
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt);
      String log = Files.readString(work.resolve("outage.log"));
      System.out.println(
          "SIGTERM during a target outage (" + outage + "): exited after " + tookMs + " ms");
      assertThat(tookMs).as("ms from SIGTERM to exit; output:%n%s", log).isLessThan(15_000);
      assertThat(p.exitValue()).as(log).isEqualTo(3);
      assertThat(log).contains("SIGTERM received").contains("STOPPED");
      long saved = writtenInCheckpoint(cp);
      assertThat(saved).isBetween(200L, (long) ITEMS - 1);

      proxy.up();
      v.put("qps.full", "1000"); // the pace only made the first run slow enough to interrupt
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      PackagedTool.Result again = tool.run(work, "-conf=" + conf);
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.output()).contains("resuming from checkpoint (" + saved + " items");
      assertThat(TableContents.diff(source.client(), target.client(), "events")).isEmpty();
    }
  }

  @Test
  void sigtermWhileFollowingTheStreamIntoATargetThatHangsEndsWithinFifteenSeconds(
      @TempDir Path work) throws Exception {
    TestTables.createHashOnly(source.client(), "hang", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "hang", "id", 50, 5);
    try (DynamoLocal target = DynamoLocal.start();
        OutageProxy proxy = new OutageProxy(target.port())) {
      Map<String, String> v = conf(target, "launch-hang");
      v.put("sync_mode", "all");
      v.put("target.address", "http://127.0.0.1:" + proxy.port());
      v.put("filter.collection.white", "hang");
      v.put("incr.shard_discovery_interval", "500ms");
      Path conf = work.resolve("hang.conf");
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      Path status = tool.shakeHome().resolve("checkpoint/launch-hang-checkpoint/status_table.json");
      Process first = tool.start(work, work.resolve("hang1.log"), "-conf=" + conf);
      awaitFile(status, "\"status_value\" : \"incr_sync\"", first);
      proxy.silence(); // the target hangs: the changes' writes block on the socket
      for (int i = 0; i < 20; i++) {
        String id = "late-" + i;
        source.client().putItem(b -> b.tableName("hang").item(Map.of("id", TestItems.s(id))));
      }
      awaitCondition("the changes read and their writes hanging", first, () -> proxy.hanging() > 0);
      long stopAt = System.nanoTime();
      first.destroy(); // SIGTERM
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt);
      String log = Files.readString(work.resolve("hang1.log"));
      System.out.println(
          "SIGTERM while the target hangs (incremental): exited after " + tookMs + " ms");
      assertThat(tookMs).as("ms from SIGTERM to exit; output:%n%s", log).isLessThan(15_000);
      assertThat(first.exitValue()).as(log).isZero();

      proxy.up();
      Process second = tool.start(work, work.resolve("hang2.log"), "-conf=" + conf);
      awaitEqual(target, "hang", second, work.resolve("hang2.log"));
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void sigtermDuringStartUpRetriesOfAnUnreachableCheckpointStoreEndsWithinSeconds(
      @TempDir Path work) throws Exception {
    try (DynamoLocal target = DynamoLocal.start();
        SilentServer store = SilentServer.start()) {
      Map<String, String> v = conf(target, "launch-startup");
      v.put("preflight.timeout", "0s"); // no pre-flight: the store's reads are retried for minutes
      v.put("checkpoint.type", "mongodb");
      v.put(
          "checkpoint.address", "mongodb://127.0.0.1:" + store.port() + "/?directConnection=true");
      Path conf = work.resolve("startup.conf");
      Files.writeString(conf, tool.shippedConfWith(v), StandardCharsets.UTF_8);
      Process p = tool.start(work, work.resolve("startup.log"), "-conf=" + conf);
      awaitCondition(
          "the checkpoint read to reach the store, which never answers",
          p,
          () -> store.accepted.get() > 0);
      assertThat(p.isAlive()).isTrue();
      long stopAt = System.nanoTime();
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt);
      String log = Files.readString(work.resolve("startup.log"));
      assertThat(tookMs).as("ms from SIGTERM to exit; output:%n%s", log).isLessThan(15_000);
      assertThat(p.exitValue()).as(log).isEqualTo(3);
      assertThat(log).contains("stopped during start-up").doesNotContain("\tat ");
    }
  }
}
