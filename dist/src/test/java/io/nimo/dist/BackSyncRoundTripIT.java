package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The round trip from the tarball, as a new user runs it: PostgreSQL prepared with the guide's slot
 * and a publication, nimo-shake (DynamoDB A → PostgreSQL, full + incremental, a live writer on A)
 * and polardb-backsync (PostgreSQL → DynamoDB B) both started from their launchers; B ends equal to
 * A item for item.
 */
class BackSyncRoundTripIT {
  @TempDir Path work;

  @Test
  void dynamoDbToPostgresAndBackFromTheTarball() throws Exception {
    PackagedTool tool = PackagedTool.unpack(work);
    Path backHome = tool.root.resolve("polardb-backsync");
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal a = DynamoLocal.start();
        DynamoLocal b = DynamoLocal.start()) {
      pg.exec(
          "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')",
          "create publication dbz_publication for all tables");
      TestTables.createHashOnly(a.client(), "items", "id", ScalarAttributeType.S);
      TestTables.seed(a.client(), "items", "id", 300, 5);
      List<AttributeValue> hashes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        hashes.add(AttributeValue.fromS("edge-" + i));
      }
      TestTables.put(a.client(), "items", TestItems.edgeCases("id", hashes));
      TestTables.createHashOnly(b.client(), "items", "id", ScalarAttributeType.S);

      Map<String, String> v = new LinkedHashMap<>();
      v.put("sync_mode", "all");
      v.put("source.access_key_id", "AKIDLOCAL");
      v.put("source.secret_access_key", "local");
      v.put("source.endpoint_url", a.endpoint());
      v.put("target.type", "postgresql");
      v.put("target.address", pg.jdbcUrl());
      v.put("target.access_key_id", "");
      v.put("target.secret_access_key", "");
      v.put("full_sync.http_port", "-1");
      v.put("incr_sync.http_port", "-1");
      v.put("checkpoint.interval", "200ms");
      Path shakeConf = work.resolve("nimo-shake.conf");
      Files.writeString(shakeConf, tool.shippedConfWith(v));
      Process shake = tool.start(work, work.resolve("shake.out"), "-conf=" + shakeConf);

      Process back = null;
      try {
        PackagedTool.awaitLog(
            tool.shakeHome().resolve("logs/nimo-shake.log"), "full sync done", shake.toHandle());
        // the way back starts once nimo-shake has created the PostgreSQL tables: it finds their
        // layout at start, and the slot holds every change since it was created
        Files.writeString(
            work.resolve("application.yaml"),
            BackSyncLauncherIT.yaml(backHome, pg, b, "0")
                .replace("  skipForwardSyncChanges: true", "  skipForwardSyncChanges: false"));
        back =
            tool.start(
                backHome.resolve("bin/polardb-backsync.linux.amd64"),
                work,
                work.resolve("back.out"),
                "--polardbusername",
                "postgres",
                "--polardbpassword",
                "x",
                "--dynamodbak",
                "test",
                "--dynamodbsk",
                "test",
                "--configfilename",
                "application.yaml");

        LiveWriter writer = new LiveWriter(a.newClient(), "items", 300, 40).start();
        writer.awaitMore(120);
        writer.stop();
        Process backRun = back;
        Process shakeRun = shake;
        List<String> diff =
            io.nimo.core.testkit.Await.settle(
                java.time.Duration.ofMinutes(3),
                java.time.Duration.ofMillis(500),
                () ->
                    backRun.isAlive() && shakeRun.isAlive()
                        ? TableContents.diff(a.client(), b.client(), "items")
                        : List.of("a tool ended"),
                d -> d.isEmpty() || !backRun.isAlive() || !shakeRun.isAlive());
        assertThat(back.isAlive())
            .as(
                "polardb-backsync running; its output:%n%s",
                Files.readString(work.resolve("back.out")))
            .isTrue();
        assertThat(shake.isAlive()).as("nimo-shake running").isTrue();
        assertThat(diff).as("DynamoDB B differs from A").isEmpty();
        assertThat(TableContents.read(b.client(), "items"))
            .hasSameSizeAs(TableContents.read(a.client(), "items"));
      } finally {
        if (back != null) {
          back.destroy();
          back.waitFor(2, TimeUnit.MINUTES);
        }
        shake.destroy();
        shake.waitFor(2, TimeUnit.MINUTES);
      }
    }
  }
}
