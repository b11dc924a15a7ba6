package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The tarball's polardb-backsync launcher against PolarDB-DDB-shaped tables in {@code
 * polardb_internal_dynamodb}, with the shipped application.yaml edited only in the guide's keys
 * plus {@code target.endpoint}: {@code --describe} refuses a table that needs REPLICA IDENTITY FULL
 * with the SQL to run and exits 2, then prints every table's layout and exits 0; the job brings SQL
 * changes made as the proxy makes them back to DynamoDB.
 */
class BackSyncPolarLayoutIT {
  private static final String DB = "polardb_internal_dynamodb";
  @TempDir Path work;

  @Test
  void describesEachTablesLayoutRefusesWhatNeedsReplicaIdentityFullThenSyncsBack()
      throws Exception {
    PackagedTool tool = PackagedTool.unpack(work);
    Path home = tool.root.resolve("polardb-backsync");
    Path launcher = home.resolve("bin/polardb-backsync.linux.amd64");
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal ddb = DynamoLocal.start()) {
      pg.exec("create database " + DB);
      pg.execIn(
          DB,
          "create table \"User-Table\" (id bigserial primary key, polardb_document jsonb)",
          "create table ddb_catalog (name text primary key, meta jsonb)",
          "create publication dbz_publication for all tables",
          "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      DynamoDbClient c = ddb.client();
      TestTables.createHashOnly(c, "User-Table", "userid", ScalarAttributeType.S);
      Files.writeString(work.resolve("application.yaml"), guideEdits(home, pg, ddb));
      String[] args = {
        "--polardbusername", "postgres", "--polardbpassword", "pw",
        "--dynamodbak", "test", "--dynamodbsk", "test",
        "--configfilename", "application.yaml"
      };

      PackagedTool.Result refused = tool.run(launcher, work, with(args, "--describe"));
      assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
      assertThat(refused.output())
          .contains(
              "PROBLEM: table \"public\".\"User-Table\" has REPLICA IDENTITY DEFAULT and its"
                  + " primary key [id] is not the DynamoDB key",
              "run: ALTER TABLE \"public\".\"User-Table\" REPLICA IDENTITY FULL;",
              "skipped \"public\".\"ddb_catalog\": not a DynamoDB table",
              "1 problem(s) to fix before the job can run");

      pg.execIn(DB, "alter table \"User-Table\" replica identity full");
      PackagedTool.Result ok = tool.run(launcher, work, with(args, "--describe"));
      assertThat(ok.exitCode()).as(ok.output()).isZero();
      assertThat(ok.output())
          .contains(
              "table \"public\".\"User-Table\": document column polardb_document, DynamoDB key"
                  + " [userid (S)] read from the document, replica identity FULL -> DynamoDB"
                  + " table User-Table",
              "layout OK: 1 table(s) to sync back");

      Process job = tool.start(launcher, work, work.resolve("out.log"), args);
      try {
        PackagedTool.awaitLog(
            home.resolve("logs/polardb-backsync.log"), "started with", job.toHandle());
        pg.execIn(
            DB,
            "insert into \"User-Table\" (polardb_document) values"
                + " ('{\"userid\":{\"S\":\"user1\"},\"duration\":{\"N\":\"10\"}}'),"
                + " ('{\"userid\":{\"S\":\"user2\"}}')",
            "insert into ddb_catalog values ('User-Table', '{}')",
            "update \"User-Table\" set polardb_document = jsonb_set(polardb_document,"
                + " '{duration}', '{\"N\":\"11\"}') where polardb_document->'userid'->>'S' ="
                + " 'user1'",
            "delete from \"User-Table\" where polardb_document->'userid'->>'S' = 'user2'");
        await(c, "user1", i -> i != null && i.get("duration").n().equals("11"), job);
        await(c, "user2", i -> i == null, job);
      } finally {
        job.destroy();
        job.waitFor(2, TimeUnit.MINUTES);
      }
    }
  }

  /** The guide's keys (host, port, slot, region) plus target.endpoint; nothing else changed. */
  static String guideEdits(Path home, PostgresLocal pg, DynamoLocal ddb) throws Exception {
    String text = Files.readString(home.resolve("conf/application.yaml"));
    for (Map.Entry<String, String> e :
        Map.of(
                "  hostname: pc-xxx.pg.polardb.rds.aliyuncs.com",
                "  hostname: 127.0.0.1",
                "  port: 5432",
                "  port: " + pg.port(),
                "  region: cn-north-1",
                "  region: us-east-1",
                "  endpoint:\n",
                "  endpoint: " + ddb.endpoint() + "\n")
            .entrySet()) {
      if (!text.contains(e.getKey())) {
        throw new IllegalStateException("shipped application.yaml has no '" + e.getKey() + "'");
      }
      text = text.replace(e.getKey(), e.getValue());
    }
    return text;
  }

  private static String[] with(String[] args, String extra) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = extra;
    return out;
  }

  private static void await(
      DynamoDbClient c, String userid, Predicate<Map<String, AttributeValue>> done, Process p)
      throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < end && p.isAlive()) {
      var r =
          c.getItem(
              g ->
                  g.tableName("User-Table")
                      .key(Map.of("userid", AttributeValue.fromS(userid)))
                      .consistentRead(true));
      if (done.test(r.hasItem() ? r.item() : null)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "item " + userid + " not as expected in DynamoDB; alive " + p.isAlive());
  }
}
