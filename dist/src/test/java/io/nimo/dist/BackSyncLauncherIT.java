package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The tarball's {@code polardb-backsync/bin/polardb-backsync.linux.amd64} as a user runs it: the
 * shipped application.yaml edited, the guide's arguments, changes reaching DynamoDB; kill -9 and a
 * restart from the last checkpoint; SIGTERM stops with a savepoint and the next start resumes from
 * it; a bad key is refused before anything starts; secrets never reach the log.
 */
class BackSyncLauncherIT {
  private static final String PASSWORD = "pw-never-logged-1";
  private static final String SECRET = "skNeverLogged2";
  private static final java.util.concurrent.atomic.AtomicReference<Path> LOG =
      new java.util.concurrent.atomic.AtomicReference<>();
  @TempDir Path work;

  @Test
  void runsLocallyResumesAfterKillAndAfterAStopSavepoint() throws Exception {
    PackagedTool tool = PackagedTool.unpack(work);
    Path home = tool.root.resolve("polardb-backsync");
    Path launcher = home.resolve("bin/polardb-backsync.linux.amd64");
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal ddb = DynamoLocal.start()) {
      pg.exec(
          "create table orders (pk text primary key, item jsonb not null)",
          "create publication dbz_publication for all tables",
          "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      DynamoDbClient c = ddb.client();
      TestTables.createHashOnly(c, "orders", "pk", ScalarAttributeType.S);
      Files.writeString(work.resolve("application.yaml"), yaml(home, pg, ddb, "0"));
      String[] args = {
        "--polardbusername", "postgres", "--polardbpassword", PASSWORD,
        "--dynamodbak", "test", "--dynamodbsk", SECRET,
        "--configfilename", "application.yaml"
      };
      Path log = home.resolve("logs/polardb-backsync.log");
      LOG.set(log);

      Process first = tool.start(launcher, work, work.resolve("out1.log"), args);
      PackagedTool.awaitLog(log, "started with", first.toHandle());
      for (int i = 1; i <= 5; i++) {
        insert(pg, "o" + i, 1);
      }
      awaitItem(c, "o5", 1, first);
      awaitCheckpoint(home.resolve("state"), first);
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9

      insert(pg, "o6", 1);
      update(pg, "o1", 2);
      Process second = tool.start(launcher, work, work.resolve("out2.log"), args);
      PackagedTool.awaitLog(log, "resuming from", second.toHandle());
      awaitItem(c, "o6", 1, second);
      awaitItem(c, "o1", 2, second);
      second.destroy(); // SIGTERM
      assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(second.exitValue()).as("128 + SIGTERM, after the stop hook").isEqualTo(143);
      assertThat(Files.readString(log)).contains("stopped with a savepoint");

      insert(pg, "o7", 1);
      Process third = tool.start(launcher, work, work.resolve("out3.log"), args);
      PackagedTool.awaitLog(log, "savepoints", third.toHandle());
      awaitItem(c, "o7", 1, third);
      third.destroy();
      third.waitFor(2, TimeUnit.MINUTES);

      String all = Files.readString(log, StandardCharsets.UTF_8);
      for (String out : new String[] {"out1.log", "out2.log", "out3.log"}) {
        all += Files.readString(work.resolve(out), StandardCharsets.UTF_8);
      }
      assertThat(all.lines().filter(l -> l.contains(PASSWORD) || l.contains(SECRET)))
          .as("log lines with a secret")
          .isEmpty();
    }
  }

  @Test
  void refusesAnUnknownKeyBeforeStarting() throws Exception {
    PackagedTool tool = PackagedTool.unpack(work);
    Path home = tool.root.resolve("polardb-backsync");
    Files.writeString(
        work.resolve("bad.yaml"),
        Files.readString(home.resolve("conf/application.yaml"))
            .replace("  slotName: flink_slot", "  slotname: flink_slot"));
    PackagedTool.Result r =
        tool.run(
            home.resolve("bin/polardb-backsync.linux.amd64"),
            work,
            "--polardbusername",
            "u",
            "--configfilename",
            "bad.yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("source.slotname");
  }

  static String yaml(Path home, PostgresLocal pg, DynamoLocal ddb, String restarts)
      throws Exception {
    String text = Files.readString(home.resolve("conf/application.yaml"));
    for (Map.Entry<String, String> e :
        Map.of(
                "  hostname: pc-xxx.pg.polardb.rds.aliyuncs.com", "  hostname: 127.0.0.1",
                "  port: 5432", "  port: " + pg.port(),
                "  database: polardb_internal_dynamodb", "  database: postgres",
                "  endpoint:\n", "  endpoint: " + ddb.endpoint() + "\n",
                "  interval: 3000", "  interval: 500",
                "  flushInterval: 50", "  flushInterval: 20",
                "  restartAttempts: 10", "  restartAttempts: " + restarts)
            .entrySet()) {
      if (!text.contains(e.getKey())) {
        throw new IllegalStateException("shipped application.yaml has no '" + e.getKey() + "'");
      }
      text = text.replace(e.getKey(), e.getValue());
    }
    return text;
  }

  private static void insert(PostgresLocal pg, String pk, int v) {
    pg.exec("insert into orders values ('" + pk + "', '" + item(pk, v) + "')");
  }

  private static void update(PostgresLocal pg, String pk, int v) {
    pg.exec("update orders set item = '" + item(pk, v) + "' where pk = '" + pk + "'");
  }

  private static String item(String pk, int v) {
    return "{\"pk\":{\"S\":\"" + pk + "\"},\"v\":{\"N\":\"" + v + "\"}}";
  }

  private static void awaitItem(DynamoDbClient c, String pk, int v, Process p) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < end) {
      var item =
          c.getItem(g -> g.tableName("orders").key(Map.of("pk", AttributeValue.fromS(pk)))).item();
      if (!item.isEmpty() && item.get("v").n().equals(String.valueOf(v))) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError(
            "polardb-backsync exited with "
                + p.exitValue()
                + "; log:\n"
                + Files.readString(LOG.get()));
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "item " + pk + " v" + v + " never reached DynamoDB; log:\n" + Files.readString(LOG.get()));
  }

  private static void awaitCheckpoint(Path state, Process p) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < end && p.isAlive()) {
      if (Files.isDirectory(state)) {
        try (Stream<Path> files = Files.walk(state)) {
          if (files.anyMatch(f -> f.getFileName().toString().equals("_metadata"))) {
            return;
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no retained checkpoint under " + state);
  }
}
