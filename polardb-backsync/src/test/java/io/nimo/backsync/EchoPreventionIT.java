package io.nimo.backsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Both directions at once on the same DynamoDB table: nimo-shake copies DynamoDB → PostgreSQL and
 * backsync copies PostgreSQL → DynamoDB. What nimo-shake wrote never comes back; an application's
 * SQL change does, exactly once, and does not loop.
 */
class EchoPreventionIT {
  @TempDir Path work;

  @Test
  void changesWrittenByNimoShakeAreNotSentBackButSqlChangesAreOnce() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal ddb = DynamoLocal.start()) {
      DynamoDbClient c = ddb.client();
      TestTables.createHashOnly(c, "users", "id", ScalarAttributeType.S);
      TestTables.seed(c, "users", "id", 20, 3);
      try (TwoWayHarness forward = TwoWayHarness.forward(ddb, pg, work)) {
        pg.exec(
            "create publication dbz_publication for all tables",
            "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
        BackSyncHarness.SENT.clear();
        BackSyncOptions o = BackSyncHarness.options(BackSyncHarness.yaml(pg, ddb));
        JobClient back = BackSyncHarness.start(o, BackSyncHarness.recording(o), null, null);
        try {
          for (int i = 0; i < 30; i++) {
            String id = "item-" + (i % 20);
            c.updateItem(
                u ->
                    u.tableName("users")
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .updateExpression("SET v = :v")
                        .expressionAttributeValues(
                            Map.of(":v", AttributeValue.fromN(String.valueOf(100)))));
          }
          BackSyncHarness.await(
              "nimo-shake to copy the updates",
              Duration.ofSeconds(60),
              () -> rowsWith(pg, "\"v\": {\"N\": \"100\"}") == 20);
          // a sentinel SQL change after them: backsync reads the WAL in order, so once the sentinel
          // has reached DynamoDB, nimo-shake's changes before it have been read too
          long appliedBefore = applied(forward);
          sqlChange(pg, "item-0", "sentinel_1");
          awaitInDynamoDb(c, "item-0", "sentinel_1");
          assertThat(writes())
              .as("nimo-shake's own changes are not sent back; only the sentinel is")
              .hasSize(1);

          sqlChange(pg, "item-7", "from_sql");
          awaitInDynamoDb(c, "item-7", "from_sql");
          // DynamoDB's stream carries it to nimo-shake, which writes it to PostgreSQL again,
          // marked: backsync must drop that echo, or the change would loop forever
          // (the sentinel's and the SQL change's echoes: two more changes applied)
          BackSyncHarness.await(
              "nimo-shake to copy both changes back to PostgreSQL",
              Duration.ofSeconds(60),
              () -> applied(forward) >= appliedBefore + 2);
          sqlChange(pg, "item-1", "sentinel_2");
          awaitInDynamoDb(c, "item-1", "sentinel_2");
          assertThat(writes())
              .as("writes backsync sent: the two sentinels and the SQL change, no echo of them")
              .hasSize(3);
        } finally {
          BackSyncHarness.cancel(back);
        }
      }
    }
  }

  /** An application's SQL change: attribute {@code name} = "yes" on item {@code id}. */
  private static void sqlChange(PostgresLocal pg, String id, String name) throws Exception {
    pg.exec(
        "update users set item = jsonb_set(item, '{"
            + name
            + "}', '{\"S\": \"yes\"}') where id = '"
            + id
            + "'");
  }

  private static void awaitInDynamoDb(DynamoDbClient c, String id, String name) throws Exception {
    BackSyncHarness.await(
        "the SQL change " + name + " of " + id + " in DynamoDB",
        Duration.ofSeconds(60),
        () ->
            c.getItem(g -> g.tableName("users").key(Map.of("id", AttributeValue.fromS(id))))
                .item()
                .containsKey(name));
  }

  private static long applied(TwoWayHarness forward) {
    return forward.job.streamProgress().get("users").snapshot(0).applied();
  }

  private static List<WriteRequest> writes() {
    synchronized (BackSyncHarness.SENT) {
      return BackSyncHarness.SENT.stream()
          .flatMap(b -> b.values().stream())
          .flatMap(List::stream)
          .toList();
    }
  }

  private static int rowsWith(PostgresLocal pg, String text) {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "select count(*) from users where item::text like '%"
                        + text.replace("'", "''")
                        + "%'")) {
      r.next();
      return r.getInt(1);
    } catch (Exception e) {
      return -1;
    }
  }
}
