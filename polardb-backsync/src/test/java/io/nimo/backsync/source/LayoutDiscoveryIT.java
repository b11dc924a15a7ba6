package io.nimo.backsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.backsync.PolarDbTables;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.config.MainArgs;
import io.nimo.core.testkit.PostgresLocal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up discovery on a real PostgreSQL catalog, tables shaped as PolarDB-DDB's and nimo-shake's
 * in a database named {@code polardb_internal_dynamodb}; the target's key schemas come from a
 * hand-written {@link TargetKeys}.
 */
class LayoutDiscoveryIT {
  static final String DB = PolarDbTables.DB;
  static PostgresLocal pg;

  final Map<String, List<KeyAttribute>> dynamo = new HashMap<>();
  final TargetKeys keys = t -> Optional.ofNullable(dynamo.get(t));

  @BeforeAll
  static void start() {
    pg = PostgresLocal.start();
    PolarDbTables.create(pg);
    pg.execIn(
        DB,
        "create table needs_full (id bigserial primary key, polardb_document jsonb not null)",
        "create table nimo_echo (conn text primary key, at timestamptz)",
        "insert into \"User-Table\" (polardb_document) values"
            + " ('{\"userid\":{\"S\":\"user1\"},\"duration\":{\"N\":\"10\"}}')",
        "create schema app",
        "create table app.\"Orders\" (pk text primary key, item jsonb not null)");
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static BackSyncOptions options(String... kv) {
    Map<String, String> y = new LinkedHashMap<>();
    y.put("source.hostname", "127.0.0.1");
    y.put("source.port", String.valueOf(pg.port()));
    y.put("target.region", "us-east-1");
    for (int i = 0; i < kv.length; i += 2) {
      y.put(kv[i], kv[i + 1]);
    }
    return BackSyncOptions.of(y, MainArgs.parse(new String[] {"--polardbusername", "postgres"}));
  }

  void dynamoTables() {
    dynamo.put("User-Table", List.of(new KeyAttribute("userid", "S")));
    dynamo.put("events.v1", List.of(new KeyAttribute("h", "N"), new KeyAttribute("r", "B")));
    dynamo.put("Orders", List.of(new KeyAttribute("pk", "S"), new KeyAttribute("sk", "N")));
    dynamo.put("needs_full", List.of(new KeyAttribute("id", "S")));
    dynamo.put("Blobs", List.of(new KeyAttribute("k", "B")));
  }

  @Test
  void findsEachTablesDocumentColumnAndKeySourceAndSkipsTablesWithoutDocuments() {
    dynamoTables();
    Discovery d =
        new LayoutDiscovery(options("filter.blackTableSet", "needs_full"), keys).discover();
    assertThat(d.problems()).isEmpty();
    Layouts l = d.layouts();
    assertThat(l.tables())
        .extracting(TableLayout::table)
        .containsExactlyInAnyOrder("Blobs", "Orders", "User-Table", "events.v1");
    TableLayout user = l.get("public", "User-Table");
    assertThat(user.documentColumn()).isEqualTo("polardb_document");
    assertThat(user.keyFromColumns()).isFalse();
    assertThat(l.get("public", "Orders").keyFromColumns()).isTrue();
    assertThat(l.get("public", "events.v1").keyFromColumns()).isFalse();
    assertThat(l.skipped("public", "ddb_catalog")).isTrue();
    assertThat(l.skipped("public", "nimo_echo")).isTrue();
    assertThat(d.report(""))
        .contains(
            "table \"public\".\"User-Table\": document column polardb_document, DynamoDB key"
                + " [userid (S)] read from the document, replica identity FULL -> DynamoDB table"
                + " User-Table, key schema matches",
            "table \"public\".\"Orders\": document column polardb_document, DynamoDB key"
                + " [pk (S), sk (N)] read from the primary-key columns, replica identity DEFAULT"
                + " -> DynamoDB table Orders, table empty, key schema not compared",
            "skipped \"public\".\"ddb_catalog\": not a DynamoDB table: no jsonb column"
                + " polardb_document or item",
            "skipped \"public\".\"needs_full\": in filter.blackTableSet");
  }

  @Test
  void refusesADocumentKeyedTableWithoutReplicaIdentityFullGivingTheSql() {
    dynamoTables();
    Discovery d = new LayoutDiscovery(options(), keys).discover();
    assertThat(d.problems())
        .containsExactly(
            "table \"public\".\"needs_full\" has REPLICA IDENTITY DEFAULT and its primary key"
                + " [id] is not the DynamoDB key, so a delete's key is only in the old document;"
                + " run: ALTER TABLE \"public\".\"needs_full\" REPLICA IDENTITY FULL;");
    assertThat(d.layouts().get("public", "needs_full")).isNull();
  }

  @Test
  void refusesATableWhoseDynamoDbTableIsMissingOrWhoseDocumentsDoNotHoldItsKey() {
    dynamoTables();
    dynamo.remove("events.v1");
    dynamo.put("User-Table", List.of(new KeyAttribute("user_id", "S")));
    Discovery d =
        new LayoutDiscovery(options("filter.blackTableSet", "needs_full"), keys).discover();
    assertThat(d.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("DynamoDB table events.v1 does not exist at the target")
                    .contains("filter.blackTableSet"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("table User-Table")
                    .contains("no key attribute user_id (S)")
                    .endsWith("the target's key schema does not match the stored items"));
  }

  @Test
  void everySchemaIsReadWithAStarAndTwoTablesOfOneNameAreRefused() {
    dynamoTables();
    Discovery d =
        new LayoutDiscovery(options("source.schema", "*", "filter.whiteTableSet", "Orders"), keys)
            .discover();
    assertThat(d.layouts().schemas()).contains("app", "public");
    // app."Orders" is also refused on its own: its primary key [pk] is not the key [pk, sk]
    assertThat(d.problems())
        .contains(
            "tables \"app\".\"Orders\" and \"public\".\"Orders\" would both write DynamoDB table"
                + " Orders; leave one out with filter.blackTableSet or source.schema");
  }

  @Test
  void aWhiteListedTableThatIsNotThereIsAProblem() {
    dynamoTables();
    Discovery d =
        new LayoutDiscovery(options("filter.whiteTableSet", "Orders, orders"), keys).discover();
    assertThat(d.problems())
        .containsExactly(
            "filter.whiteTableSet names orders, which is not a table in schema(s) [public]");
  }

  @Test
  void aFailingDescribeTableIsOneProblemNamingTheKeysAndNotOnePerTable() {
    TargetKeys down =
        t -> {
          throw new IllegalStateException("Unable to execute HTTP request: Connection refused");
        };
    Discovery d = new LayoutDiscovery(options(), down).discover();
    assertThat(d.problems()).hasSize(1);
    assertThat(d.problems().get(0))
        .startsWith("cannot read the key schema of DynamoDB table ")
        .endsWith(
            " (DescribeTable, target.endpoint / target.region): Unable to execute HTTP request:"
                + " Connection refused");
  }
}
