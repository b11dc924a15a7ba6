package io.nimo.core.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Creates and fills source tables on a test DynamoDB. */
public final class TestTables {
  private TestTables() {}

  /** Hash-only table, on-demand. */
  public static void createHashOnly(
      DynamoDbClient c, String table, String hash, ScalarAttributeType type) {
    c.createTable(
        t ->
            t.tableName(table)
                .keySchema(k -> k.attributeName(hash).keyType(KeyType.HASH))
                .attributeDefinitions(d -> d.attributeName(hash).attributeType(type))
                .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  /** Turns the table's stream on with both images, as nimo's incremental sync needs. */
  public static void enableStream(DynamoDbClient c, String table) {
    c.updateTable(
        b ->
            b.tableName(table)
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
  }

  /**
   * Hash+range table ({@code pk} N, {@code sk} S), provisioned, with a GSI on ({@code gpk} S,
   * {@code gsk} N, INCLUDE projection) and an LSI on {@code lsk} (KEYS_ONLY).
   */
  public static void createWithIndexes(DynamoDbClient c, String table) {
    c.createTable(
        t ->
            t.tableName(table)
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(
                    d -> d.attributeName("pk").attributeType(ScalarAttributeType.N),
                    d -> d.attributeName("sk").attributeType(ScalarAttributeType.S),
                    d -> d.attributeName("gpk").attributeType(ScalarAttributeType.S),
                    d -> d.attributeName("gsk").attributeType(ScalarAttributeType.N),
                    d -> d.attributeName("lsk").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(50L).writeCapacityUnits(40L))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_g")
                            .keySchema(
                                k -> k.attributeName("gpk").keyType(KeyType.HASH),
                                k -> k.attributeName("gsk").keyType(KeyType.RANGE))
                            .projection(
                                p ->
                                    p.projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes("name", "amount"))
                            .provisionedThroughput(
                                p -> p.readCapacityUnits(5L).writeCapacityUnits(6L)))
                .localSecondaryIndexes(
                    l ->
                        l.indexName("by_l")
                            .keySchema(
                                k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("lsk").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
  }

  /**
   * Writes {@code count} {@link TestItems#ordinary} items keyed {@code item-0 ...} (hash key {@code
   * hash}, S) with a seeded generator, so runs are repeatable.
   */
  public static void seed(DynamoDbClient c, String table, String hash, int count, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(TestItems.ordinary(hash, TestItems.s("item-" + i), rnd));
    }
    put(c, table, items);
  }

  /** Writes items with BatchWriteItem, re-driving unprocessed ones. */
  public static void put(DynamoDbClient c, String table, List<Map<String, AttributeValue>> items) {
    List<WriteRequest> batch = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      if (batch.size() == 25) {
        flush(c, table, batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      flush(c, table, batch);
    }
  }

  private static void flush(DynamoDbClient c, String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> req = pending;
      pending = c.batchWriteItem(b -> b.requestItems(req)).unprocessedItems();
    }
  }
}
