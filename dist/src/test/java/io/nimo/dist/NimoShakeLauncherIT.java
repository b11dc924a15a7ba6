package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.SilentServer;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Runs bin/nimo-shake.linux.amd64 from the built tarball, as a user would. */
class NimoShakeLauncherIT {
  private static final int ITEMS = 3_000;
  private static DynamoLocal source;
  @TempDir static Path unpacked;
  private static PackagedTool tool;

  @BeforeAll
  static void setUp() throws Exception {
    tool = PackagedTool.unpackCore(unpacked);
    source = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "events", "id", ScalarAttributeType.S);
    Random rnd = new Random(3);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      items.add(TestItems.ordinary("id", TestItems.s("ev-" + i), rnd));
    }
    TestTables.put(source.client(), "events", items);
  }

  @AfterAll
  static void tearDown() {
    source.close();
  }

  private static Map<String, String> conf(DynamoLocal target, String id) {
    Map<String, String> v = PackagedTool.localEndpoints(source, target, "local-secret-value");
    v.put("id", id);
    v.put("sync_mode", "full");
    v.put("full_sync.http_port", "0");
    v.put("checkpoint.interval", "100ms");
    return v;
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

  private static long spooledBytes(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".spool"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits (up to 3 min) for a state of a running tool; fails at once if the tool has ended. */
  private static void awaitCondition(
      String what, Process p, java.util.function.BooleanSupplier done) throws Exception {
    Await.until(
        what,
        java.time.Duration.ofMinutes(3),
        () -> {
          assertThat(p.isAlive()).as("the tool ended before: " + what).isTrue();
          return done.getAsBoolean();
        });
  }

  /** How often {@code text} appears in a log file so far. */
  private static int occurrences(Path log, String text) {
    try {
      String all = Files.exists(log) ? Files.readString(log) : "";
      return all.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits until the target table equals the source one while the tool runs. */
  private static void awaitEqual(DynamoLocal target, String table, Process p, Path log)
      throws Exception {
    List<String> diff =
        Await.settle(
            java.time.Duration.ofSeconds(120),
            java.time.Duration.ofMillis(300),
            () -> {
              assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
              return TableContents.diff(source.client(), target.client(), table);
            },
            List::isEmpty);
    assertThat(diff).as("table %s on the target", table).isEmpty();
  }

  private static void awaitFile(Path file, String content, Process p) throws Exception {
    awaitCondition(
        "'" + content + "' in " + file,
        p,
        () -> {
          try {
            return Files.exists(file) && Files.readString(file).contains(content);
          } catch (java.io.IOException beingWritten) {
            return false;
          }
        });
  }

  /**
   * Waits until the segment checkpoints of a running tool count at least {@code items} written
   * items.
   */
  private static void awaitWritten(Path checkpoint, long items, Process p) throws Exception {
    awaitCondition(
        items + " items written in the checkpoint",
        p,
        () -> writtenInCheckpoint(checkpoint) >= items);
  }

  private static long writtenInCheckpoint(Path file) {
    try {
      String json = Files.readString(file);
      return java.util.regex.Pattern.compile("\"items_written\" : (\\d+)")
          .matcher(json)
          .results()
          .mapToLong(m -> Long.parseLong(m.group(1)))
          .sum();
    } catch (Exception e) {
      return 0;
    }
  }
}
