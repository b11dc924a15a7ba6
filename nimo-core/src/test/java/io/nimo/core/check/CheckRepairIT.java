package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.Configuration;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Check and repair from code, between two real DynamoDB Local servers, after a real full sync. */
class CheckRepairIT {
  private static final int ITEMS = 1200;
  private DynamoLocal source;
  private DynamoLocal target;
  @TempDir Path work;
  private Configuration conf;

  @BeforeEach
  void copied() throws Exception {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    TestTables.createWithIndexes(source.client(), "orders");
    Random rnd = new Random(7);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      Map<String, AttributeValue> item =
          new java.util.LinkedHashMap<>(
              TestItems.ordinary("pk", TestItems.n(String.valueOf(i % 40)), rnd));
      item.put("sk", TestItems.s("order-" + i));
      item.put("secret_note", TestItems.s("card 4111-1111"));
      items.add(item);
    }
    TestTables.put(source.client(), "orders", items);
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work.resolve("cp"));
    raw.put("full.read.concurrency", "4");
    conf = TestConfigs.shake(raw);
    try (SyncJob job = SyncJob.builder(conf).build()) {
      assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
  }

  private static Map<String, AttributeValue> key(int pk, String sk) {
    return Map.of("pk", TestItems.n(String.valueOf(pk)), "sk", TestItems.s(sk));
  }

  private CheckReport check(Path diffs) {
    try (CheckJob check = CheckJob.builder(conf).diffDirectory(diffs).build()) {
      return check.run();
    }
  }

  @Test
  void findsMissingDifferentAndExtraItemsAndRepairsThem() throws Exception {
    Path diffs = work.resolve("diff");
    assertThat(check(diffs).consistent()).isTrue();
    assertThat(Files.exists(DiffFiles.of(diffs, "orders")))
        .as("no report for a consistent table")
        .isFalse();
    assertThat(work.resolve("nimo-full-check-state/orders.json"))
        .as("a table without a stream gets no epoch: the check never enables one")
        .doesNotExist();
    assertThat(source.client().describeTable(b -> b.tableName("orders")).table().latestStreamArn())
        .isNull();

    target.client().deleteItem(b -> b.tableName("orders").key(key(1, "order-1")));
    target
        .client()
        .updateItem(
            b ->
                b.tableName("orders")
                    .key(key(2, "order-2"))
                    .updateExpression("SET amount = :a")
                    .expressionAttributeValues(Map.of(":a", TestItems.n("-1"))));
    target
        .client()
        .putItem(
            b ->
                b.tableName("orders")
                    .item(Map.of("pk", TestItems.n("999"), "sk", TestItems.s("ghost"))));
    // the same number written differently is equal in DynamoDB: not a difference
    var three = source.client().getItem(b -> b.tableName("orders").key(key(3, "order-3"))).item();
    String amount = three.get("amount").n();
    target
        .client()
        .updateItem(
            b ->
                b.tableName("orders")
                    .key(key(3, "order-3"))
                    .updateExpression("SET amount = :a")
                    .expressionAttributeValues(Map.of(":a", TestItems.n(amount + "000"))));

    CheckReport report = check(diffs);
    assertThat(report.consistent()).isFalse();
    TableCheck orders = report.tables().get(0);
    assertThat(orders.checked()).isEqualTo(ITEMS);
    assertThat(List.of(orders.missing(), orders.different(), orders.extra()))
        .containsExactly(1L, 1L, 1L);
    assertThat(DiffFiles.read(orders.diffFile()))
        .containsExactlyInAnyOrder(
            new Difference(
                Difference.Kind.MISSING,
                new io.nimo.core.item.ItemKey(key(1, "order-1")),
                List.of()),
            new Difference(
                Difference.Kind.DIFFERENT,
                new io.nimo.core.item.ItemKey(key(2, "order-2")),
                List.of("amount")),
            new Difference(
                Difference.Kind.EXTRA,
                new io.nimo.core.item.ItemKey(
                    Map.of("pk", TestItems.n("999"), "sk", TestItems.s("ghost"))),
                List.of()));
    assertThat(Files.readString(orders.diffFile())).doesNotContain("4111").doesNotContain("name-");

    List<TableRepair> repaired;
    try (RepairJob repair = RepairJob.builder(conf).diffDirectory(diffs).build()) {
      repaired = repair.run();
    }
    assertThat(repaired).containsExactly(new TableRepair("orders", 3, 2, 1, 0, null));
    assertThat(TableContents.diff(source.client(), target.client(), "orders")).isEmpty();
    assertThat(check(work.resolve("diff2")).consistent()).isTrue();
  }

  @Test
  void aSampledCheckComparesAboutTheAskedNumberOfItemsAndTheSameOnesEachTime() {
    CheckReport first;
    try (CheckJob check =
        CheckJob.builder(conf).diffDirectory(work.resolve("s1")).sample(200).build()) {
      first = check.run();
    }
    CheckReport second;
    try (CheckJob check =
        CheckJob.builder(conf).diffDirectory(work.resolve("s2")).sample(200).build()) {
      second = check.run();
    }
    assertThat(first.consistent()).isTrue();
    assertThat(first.tables().get(0).checked())
        .isBetween(100L, 320L)
        .isEqualTo(second.tables().get(0).checked());
  }

  @Test
  void aRecheckKeepsOnlyTheDifferencesThatPersist() throws Exception {
    Path diffs = work.resolve("live");
    target
        .client()
        .updateItem(
            b ->
                b.tableName("orders")
                    .key(key(5, "order-5"))
                    .updateExpression("SET amount = :a")
                    .expressionAttributeValues(Map.of(":a", TestItems.n("-5"))));
    target.client().deleteItem(b -> b.tableName("orders").key(key(6, "order-6")));
    // the incremental sync catches up with order-5 once the first pass has seen it differ
    Thread sync =
        new Thread(
            () -> {
              try {
                Await.until(
                    "the diff report of orders",
                    Duration.ofSeconds(60),
                    () -> Files.exists(DiffFiles.of(diffs, "orders")));
                var item =
                    source
                        .client()
                        .getItem(b -> b.tableName("orders").key(key(5, "order-5")))
                        .item();
                target.client().putItem(b -> b.tableName("orders").item(item));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    sync.start();
    CheckReport report;
    try (CheckJob check =
        CheckJob.builder(conf).diffDirectory(diffs).recheckAfter(Duration.ofSeconds(2)).build()) {
      report = check.run();
    }
    sync.join();
    TableCheck orders = report.tables().get(0);
    assertThat(List.of(orders.missing(), orders.different(), orders.extra()))
        .containsExactly(1L, 0L, 0L);
    assertThat(DiffFiles.read(orders.diffFile()))
        .containsExactly(
            new Difference(
                Difference.Kind.MISSING,
                new io.nimo.core.item.ItemKey(key(6, "order-6")),
                List.of()));
  }

  @Test
  void aRepairWithoutAReportSaysToRunTheCheckFirst() {
    try (RepairJob repair = RepairJob.builder(conf).diffDirectory(work.resolve("none")).build()) {
      assertThatThrownBy(repair::run)
          .hasMessageContaining("does not exist")
          .hasMessageContaining("run the check");
    }
  }
}
