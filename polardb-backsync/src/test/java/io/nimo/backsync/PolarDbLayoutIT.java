package io.nimo.backsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.backsync.apply.DynamoJson;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.PostgresLocal;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The way back from PolarDB-DDB-shaped tables in {@code polardb_internal_dynamodb}: a surrogate
 * {@code bigserial} key, no primary key, DynamoDB-key columns and a bytea key, next to a catalog
 * table written during the run; names with capitals, {@code -} and {@code .}; changes made with SQL
 * as the proxy makes them. DynamoDB ends equal to the documents, item for item, streaming ({@code
 * snapshot.mode: never}) and copying first ({@code initial}).
 */
class PolarDbLayoutIT {
  static final String DB = PolarDbTables.DB;
  static final String USERS = "User-Table";
  static final String EVENTS = "events.v1";
  static final String ORDERS = "Orders";
  static final String BLOBS = "Blobs";

  static void createTables(PostgresLocal pg, DynamoLocal ddb) {
    PolarDbTables.create(pg);
    DynamoDbClient c = ddb.client();
    SqlChangesApplyIT.createTable(c, USERS, "userid", ScalarAttributeType.S, null, null);
    SqlChangesApplyIT.createTable(
        c, EVENTS, "h", ScalarAttributeType.N, "r", ScalarAttributeType.B);
    SqlChangesApplyIT.createTable(
        c, ORDERS, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    SqlChangesApplyIT.createTable(c, BLOBS, "k", ScalarAttributeType.B, null, null);
  }

  static BackSyncOptions options(PostgresLocal pg, DynamoLocal ddb, String mode) {
    Map<String, String> y = BackSyncHarness.yaml(pg, ddb);
    y.put("source.database", DB);
    y.put("snapshot.mode", mode);
    return BackSyncHarness.options(y);
  }

  static void writeFirstItems(PostgresLocal pg) {
    pg.execIn(
        DB,
        "insert into \"User-Table\" (polardb_document) values"
            + " ('{\"userid\":{\"S\":\"user1\"},\"duration\":{\"N\":\"10\"}}'),"
            + " ('{\"userid\":{\"S\":\"user2\"},\"tags\":{\"SS\":[\"a\",\"b\"]}}')",
        "insert into \"events.v1\" values"
            + " ('{\"h\":{\"N\":\"7.50\"},\"r\":{\"B\":\"AP8=\"},\"v\":{\"S\":\"x\"}}'),"
            + " ('{\"h\":{\"N\":\"8\"},\"r\":{\"B\":\"AQ==\"}}')",
        "insert into \"Orders\" values ('o1', 1, '{\"pk\":{\"S\":\"o1\"},\"sk\":{\"N\":\"1\"}}'),"
            + " ('o2', 2, '{\"pk\":{\"S\":\"o2\"},\"sk\":{\"N\":\"2\"}}')",
        "insert into \"Blobs\" values ('\\x00ff', '{\"k\":{\"B\":\"AP8=\"},\"n\":{\"N\":\"1\"}}'),"
            + " ('\\x01', '{\"k\":{\"B\":\"AQ==\"}}')");
  }

  /** Puts, jsonb_set updates, deletes by a condition on the document, as the proxy writes. */
  static void writeProxyChanges(PostgresLocal pg, String big) {
    pg.execIn(
        DB,
        "insert into \"User-Table\" (polardb_document) values"
            + " ('{\"userid\":{\"S\":\"user3\"},\"blob\":{\"S\":\""
            + big
            + "\"}}')",
        "update \"User-Table\" set polardb_document = jsonb_set(polardb_document, '{duration}',"
            + " '{\"N\":\"11\"}') where polardb_document->'userid'->>'S' = 'user1'",
        "delete from \"User-Table\" where polardb_document->'userid'->>'S' = 'user2'",
        "update \"events.v1\" set polardb_document = jsonb_set(polardb_document, '{v}',"
            + " '{\"S\":\"y\"}') where polardb_document->'h'->>'N' = '7.50'",
        "delete from \"events.v1\" where polardb_document->'h'->>'N' = '8'",
        "update \"Orders\" set polardb_document = jsonb_set(polardb_document, '{st}',"
            + " '{\"S\":\"paid\"}') where pk = 'o1'",
        "delete from \"Orders\" where polardb_document->'pk'->>'S' = 'o2'",
        "insert into \"Blobs\" values ('\\x02', '{\"k\":{\"B\":\"Ag==\"}}')",
        "delete from \"Blobs\" where k = '\\x01'",
        "update ddb_catalog set meta = '{\"v\":2}'",
        "insert into ddb_catalog values ('Orders', '{\"v\":1}')");
  }

  @Test
  void streamsProxyStyleChangesOfPolarDbDdbTablesBackToDynamoDb() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal ddb = DynamoLocal.start()) {
      createTables(pg, ddb);
      pg.execIn(
          DB,
          "create publication dbz_publication for all tables",
          "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      BackSyncOptions o = options(pg, ddb, "never");
      JobClient job = BackSyncHarness.start(o, BackSyncHarness.recording(o), null, null);
      try {
        writeFirstItems(pg);
        String big = SqlChangesApplyIT.randomText(300_000);
        writeProxyChanges(pg, big);
        awaitEqual(pg, ddb);
        assertThat(item(ddb, USERS, "user3").get("blob").s()).isEqualTo(big);

        // the 300 KB document is left out of an update of another column (TOAST); the old
        // document (REPLICA IDENTITY FULL) is the unchanged item
        ddb.client().deleteItem(r -> r.tableName(USERS).key(Map.of("userid", s("user3"))));
        pg.execIn(
            DB,
            "update \"User-Table\" set id = id where polardb_document->'userid'->>'S' = 'user3'");
        BackSyncHarness.await(
            "the TOASTed document written again",
            Duration.ofSeconds(30),
            () -> item(ddb, USERS, "user3") != null);
        assertThat(item(ddb, USERS, "user3").get("blob").s()).isEqualTo(big);
        awaitEqual(pg, ddb);
      } finally {
        BackSyncHarness.cancel(job);
      }
    }
  }

  @Test
  void copiesTablesWithStringNumberAndBinaryKeysFirstThenStreams() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal ddb = DynamoLocal.start()) {
      createTables(pg, ddb);
      writeFirstItems(pg);
      pg.execIn(DB, "create publication dbz_publication for all tables");
      BackSyncOptions o = options(pg, ddb, "initial");
      JobClient job = BackSyncHarness.start(o, BackSyncHarness.recording(o), null, null);
      try {
        awaitEqual(pg, ddb);
        String copied = confirmedLsn(pg);
        writeProxyChanges(pg, "not big");
        awaitEqual(pg, ddb);
        // the copy-then-stream source confirms positions to the slot after checkpoints, so the
        // server can recycle WAL while the job runs
        BackSyncHarness.await(
            "the slot's confirmed position moved past the streamed changes",
            Duration.ofSeconds(30),
            () -> compareLsn(confirmedLsn(pg), copied) > 0);
      } finally {
        BackSyncHarness.cancel(job);
      }
    }
  }

  static String confirmedLsn(PostgresLocal pg) {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(DB));
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select coalesce(confirmed_flush_lsn, '0/0')::text from pg_replication_slots"
                    + " where slot_name = 'flink_slot'")) {
      return r.next() ? r.getString(1) : "0/0";
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static int compareLsn(String a, String b) {
    return Long.compare(lsn(a), lsn(b));
  }

  private static long lsn(String text) {
    String[] parts = text.split("/");
    return (Long.parseLong(parts[0], 16) << 32) + Long.parseLong(parts[1], 16);
  }

  static void awaitEqual(PostgresLocal pg, DynamoLocal ddb) throws InterruptedException {
    for (String table : new String[] {USERS, EVENTS, ORDERS, BLOBS}) {
      BackSyncHarness.await(
          "DynamoDB table " + table + " equal to the documents",
          Duration.ofSeconds(60),
          () -> documents(pg, table).equals(dynamoItems(ddb, table)));
    }
  }

  static Set<String> documents(PostgresLocal pg, String table) {
    Set<String> out = new HashSet<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(DB));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select polardb_document::text from \"" + table + "\"")) {
      while (r.next()) {
        out.add(canonical(DynamoJson.read(r.getString(1))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  static Set<String> dynamoItems(DynamoLocal ddb, String table) {
    Set<String> out = new HashSet<>();
    ddb.client()
        .scan(r -> r.tableName(table).consistentRead(true))
        .items()
        .forEach(i -> out.add(canonical(i)));
    return out;
  }

  /** An item as text, numbers in one form (DynamoDB keeps {@code 7.50} as {@code 7.5}). */
  static String canonical(Map<String, AttributeValue> item) {
    Map<String, String> sorted = new TreeMap<>();
    item.forEach(
        (k, v) ->
            sorted.put(
                k,
                v.n() != null
                    ? "N:" + new BigDecimal(v.n()).stripTrailingZeros().toPlainString()
                    : v.hasSs()
                        ? "SS:" + new TreeMap<>(Map.of("v", v.ss())).toString()
                        : v.toString()));
    return sorted.toString();
  }

  static Map<String, AttributeValue> item(DynamoLocal ddb, String table, String userid) {
    return SqlChangesApplyIT.get(ddb.client(), table, Map.of("userid", s(userid)));
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
