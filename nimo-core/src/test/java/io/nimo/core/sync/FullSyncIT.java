package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.Configuration;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.sync.hooks.TableSummary;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The full sync between two real DynamoDB Local servers (source, and target standing in for
 * PolarDB).
 */
class FullSyncIT {
  private static DynamoLocal source;
  private static DynamoLocal target;

  @BeforeAll
  static void servers() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "users", "id", ScalarAttributeType.S);
    TestTables.createWithIndexes(source.client(), "orders");
    TestTables.createHashOnly(source.client(), "blobs", "bk", ScalarAttributeType.B);
    source
        .client()
        .updateTimeToLive(
            b ->
                b.tableName("users")
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires_at")));
    Random rnd = new Random(42);
    List<Map<String, AttributeValue>> users = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      users.add(TestItems.ordinary("id", TestItems.utf8Key("user-é-", i), rnd));
    }
    users.addAll(
        TestItems.edgeCases(
            "id",
            List.of(
                TestItems.s("edge-1"),
                TestItems.s("edge-2"),
                TestItems.s("edge-3"),
                TestItems.s("edge-4"),
                TestItems.s("edge-5"))));
    TestTables.put(source.client(), "users", users);
    List<Map<String, AttributeValue>> orders = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Map<String, AttributeValue> o =
          TestItems.ordinary("pk", TestItems.n(String.valueOf(i % 997)), rnd);
      o.put("sk", TestItems.s("order#" + i));
      o.put("gpk", TestItems.s("g" + (i % 13)));
      o.put("gsk", TestItems.n(String.valueOf(i)));
      if (i % 3 == 0) {
        o.put("lsk", TestItems.s("l" + i));
      }
      orders.add(o);
    }
    orders.get(0).put("pk", TestItems.n("12345678901234567890123456789012345678"));
    TestTables.put(source.client(), "orders", orders);
    List<Map<String, AttributeValue>> blobs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      blobs.add(TestItems.ordinary("bk", TestItems.binaryKey(i), rnd));
    }
    TestTables.put(source.client(), "blobs", blobs);
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  @Test
  void copiesEveryItemExactlyWithKeysIndexesTtlAndBillingMode(@TempDir Path dir) throws Exception {
    Configuration conf =
        TestConfigs.shake(TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), dir));
    SyncReport report;
    try (SyncJob job = SyncJob.builder(conf).build()) {
      report = job.run();
    }
    assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
    for (String table : List.of("users", "orders", "blobs")) {
      assertThat(TableContents.diff(source.client(), target.client(), table)).as(table).isEmpty();
    }
    assertThat(TableContents.read(target.client(), "orders")).hasSize(20_000);
    TableSummary orders =
        report.tables().stream()
            .filter(t -> t.progress().table().equals("orders"))
            .findFirst()
            .orElseThrow();
    assertThat(orders.progress().written()).isEqualTo(20_000);
    assertThat(orders.progress().failed()).isZero();

    TableDescription t = target.client().describeTable(b -> b.tableName("orders")).table();
    TableDescription s = source.client().describeTable(b -> b.tableName("orders")).table();
    assertThat(t.keySchema()).isEqualTo(s.keySchema());
    assertThat(t.globalSecondaryIndexes())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.indexName()).isEqualTo("by_g");
              assertThat(g.keySchema()).isEqualTo(s.globalSecondaryIndexes().get(0).keySchema());
              assertThat(g.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
              assertThat(g.projection().nonKeyAttributes())
                  .containsExactlyInAnyOrder("name", "amount");
              assertThat(g.provisionedThroughput().writeCapacityUnits()).isEqualTo(6L);
            });
    assertThat(t.localSecondaryIndexes())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.indexName()).isEqualTo("by_l");
              assertThat(l.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
            });
    assertThat(t.provisionedThroughput().readCapacityUnits()).isEqualTo(50L);
    assertThat(
            target
                .client()
                .describeTable(b -> b.tableName("users"))
                .table()
                .billingModeSummary()
                .billingMode())
        .isEqualTo(BillingMode.PAY_PER_REQUEST);
    var ttl = target.client().describeTimeToLive(b -> b.tableName("users")).timeToLiveDescription();
    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(ttl.attributeName()).isEqualTo("expires_at");
    // a second run finds the job complete and does nothing
    try (SyncJob again = SyncJob.builder(conf).build()) {
      assertThat(again.run().outcome()).isEqualTo(SyncReport.Outcome.ALREADY_COMPLETED);
    }
  }
}
