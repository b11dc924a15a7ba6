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
          Thread.sleep(4000); // backsync had time to (wrongly) send them back
          assertThat(writes()).as("nimo-shake's own changes sent back").isEmpty();

          pg.exec(
              "update users set item = jsonb_set(item, '{from_sql}', '{\"S\": \"yes\"}')"
                  + " where id = 'item-7'");
          BackSyncHarness.await(
              "the SQL change in DynamoDB",
              Duration.ofSeconds(30),
              () -> {
                var item =
                    c.getItem(
                            g ->
                                g.tableName("users")
                                    .key(Map.of("id", AttributeValue.fromS("item-7"))))
                        .item();
                return item.containsKey("from_sql");
              });
          // DynamoDB's stream carries it to nimo-shake, which writes it to PostgreSQL again,
          // marked: backsync must drop that echo, or the change would loop forever
          BackSyncHarness.await(
              "nimo-shake to copy the change back to PostgreSQL",
              Duration.ofSeconds(30),
              () -> rowsWith(pg, "from_sql") == 1);
          Thread.sleep(4000);
          assertThat(writes()).as("writes backsync sent").hasSize(1);
        } finally {
          BackSyncHarness.cancel(back);
        }
      }
    }
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
