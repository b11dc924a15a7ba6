package io.nimo.backsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.PostgresLocal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * SQL changes made directly in PostgreSQL (the nimo layout) reach DynamoDB in order: inserts,
 * updates, deletes, a 300 KB item, a TOASTed item that logical replication leaves out, under
 * REPLICA IDENTITY DEFAULT and FULL, with S, N and B keys.
 */
class SqlChangesApplyIT {
  static PostgresLocal pg;
  static DynamoLocal ddb;

  @BeforeAll
  static void start() {
    pg = PostgresLocal.start();
    ddb = DynamoLocal.start();
  }

  @AfterAll
  static void stop() {
    ddb.close();
    pg.close();
  }

  @Test
  void sqlChangesArriveInDynamoDbInOrderUnderBothReplicaIdentities() throws Exception {
    pg.exec(
        "create table orders (pk text primary key, item jsonb not null)",
        "create table events (h numeric not null, r bytea not null, item jsonb not null,"
            + " primary key (h, r))",
        "alter table events replica identity full",
        "create publication dbz_publication for all tables",
        "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
    DynamoDbClient c = ddb.client();
    createTable(c, "orders", "pk", ScalarAttributeType.S, null, null);
    createTable(c, "events", "h", ScalarAttributeType.N, "r", ScalarAttributeType.B);

    BackSyncOptions o = BackSyncHarness.options(BackSyncHarness.yaml(pg, ddb));
    JobClient job = BackSyncHarness.start(o, BackSyncHarness.recording(o), null, null);
    try {
      // changes made after the slot was created and before the job connects are not lost
      pg.exec(
          "insert into orders values ('o1', '{\"pk\":{\"S\":\"o1\"},\"v\":{\"N\":\"1\"}}')",
          "insert into orders values ('o2', '{\"pk\":{\"S\":\"o2\"},\"flag\":{\"NULL\":true}}')",
          "insert into events values (7.50, '\\x00ff', '{\"h\":{\"N\":\"7.5\"},\"r\":{\"B\":\"AP8=\"},"
              + "\"ss\":{\"SS\":[\"a\",\"b\"]}}')",
          "insert into events values (8, '\\x01', '{\"h\":{\"N\":\"8\"},\"r\":{\"B\":\"AQ==\"}}')");
      for (int v = 2; v <= 60; v++) {
        pg.exec(
            "update orders set item = '{\"pk\":{\"S\":\"o1\"},\"v\":{\"N\":\""
                + v
                + "\"}}'"
                + " where pk = 'o1'");
      }
      pg.exec("delete from orders where pk = 'o2'", "delete from events where h = 8");
      String big = randomText(300_000);
      pg.exec(
          "insert into orders values ('big', '{\"pk\":{\"S\":\"big\"},\"blob\":{\"S\":\""
              + big
              + "\"}}')");

      BackSyncHarness.await(
          "all changes in DynamoDB",
          Duration.ofSeconds(60),
          () ->
              "60".equals(n(get(c, "orders", Map.of("pk", s("o1"))), "v"))
                  && get(c, "orders", Map.of("pk", s("o2"))) == null
                  && get(c, "orders", Map.of("pk", s("big"))) != null
                  && get(c, "events", eventKey(8, new byte[] {1})) == null
                  && get(c, "events", eventKey(7.5, new byte[] {0, (byte) 0xff})) != null);
      assertThat(get(c, "orders", Map.of("pk", s("big"))).get("blob").s()).isEqualTo(big);
      assertThat(get(c, "events", eventKey(7.5, new byte[] {0, (byte) 0xff})).get("ss").ss())
          .containsExactlyInAnyOrder("a", "b");
      // per-key order: the values of o1 that were sent never go backwards
      List<Integer> sent = new ArrayList<>();
      synchronized (BackSyncHarness.SENT) {
        for (Map<String, List<WriteRequest>> batch : BackSyncHarness.SENT) {
          for (WriteRequest w : batch.getOrDefault("orders", List.of())) {
            if (w.putRequest() != null && w.putRequest().item().get("pk").s().equals("o1")) {
              sent.add(Integer.parseInt(w.putRequest().item().get("v").n()));
            }
          }
        }
      }
      assertThat(sent).isSorted().endsWith(60);

      // an update that leaves the big item untouched: logical replication leaves it out
      c.deleteItem(r -> r.tableName("orders").key(Map.of("pk", s("big"))));
      pg.exec("update orders set item = item where pk = 'big'");
      BackSyncHarness.await(
          "the left-out item re-read and written",
          Duration.ofSeconds(30),
          () -> get(c, "orders", Map.of("pk", s("big"))) != null);
      assertThat(get(c, "orders", Map.of("pk", s("big"))).get("blob").s()).isEqualTo(big);
    } finally {
      BackSyncHarness.cancel(job);
    }
  }

  static Map<String, AttributeValue> eventKey(double h, byte[] r) {
    return Map.of(
        "h",
        AttributeValue.fromN(String.valueOf(h).replaceAll("\\.0$", "")),
        "r",
        AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(r)));
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static String n(Map<String, AttributeValue> item, String attr) {
    return item == null || item.get(attr) == null ? null : item.get(attr).n();
  }

  static Map<String, AttributeValue> get(
      DynamoDbClient c, String table, Map<String, AttributeValue> key) {
    var r = c.getItem(b -> b.tableName(table).key(key).consistentRead(true));
    return r.hasItem() ? r.item() : null;
  }

  static String randomText(int n) {
    Random rnd = new Random(5);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + rnd.nextInt(26)));
    }
    return b.toString();
  }

  static void createTable(
      DynamoDbClient c,
      String table,
      String hash,
      ScalarAttributeType ht,
      String range,
      ScalarAttributeType rt) {
    c.createTable(
        b -> {
          b.tableName(table).billingMode("PAY_PER_REQUEST");
          if (range == null) {
            b.keySchema(k -> k.attributeName(hash).keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName(hash).attributeType(ht));
          } else {
            b.keySchema(
                    k -> k.attributeName(hash).keyType(KeyType.HASH),
                    k -> k.attributeName(range).keyType(KeyType.RANGE))
                .attributeDefinitions(
                    a -> a.attributeName(hash).attributeType(ht),
                    a -> a.attributeName(range).attributeType(rt));
          }
        });
  }
}
