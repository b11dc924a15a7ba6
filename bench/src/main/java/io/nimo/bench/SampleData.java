package io.nimo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Seeds a local source: table {@code orders} (pk/sk, a GSI on status, {@code --items} items) and
 * table {@code customers} (hash-only, 500 items). Usage: {@code SampleData --endpoint
 * http://127.0.0.1:8000 [--items 5000] [--threads 4] [--table orders]}.
 */
public final class SampleData {
  private SampleData() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String table = args.get("table", "orders");
    int items = args.getInt("items", 5000);
    int threads = args.getInt("threads", 4);
    try (DynamoDbClient c = LocalClients.client(args.require("endpoint"), threads + 2)) {
      LocalClients.awaitReady(c, Duration.ofSeconds(60));
      createOrders(c, table);
      long start = System.nanoTime();
      write(c, table, items, threads);
      if (args.get("customers", "true").equals("true")) {
        createCustomers(c);
      }
      System.out.printf(
          "seeded %d items into %s in %.1f s%n", items, table, (System.nanoTime() - start) / 1e9);
    }
  }

  static void createOrders(DynamoDbClient c, String table) {
    c.createTable(
        t ->
            t.tableName(table)
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(
                    d -> d.attributeName("pk").attributeType(ScalarAttributeType.S),
                    d -> d.attributeName("sk").attributeType(ScalarAttributeType.S),
                    d -> d.attributeName("status").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_status")
                            .keySchema(
                                k -> k.attributeName("status").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
  }

  private static void createCustomers(DynamoDbClient c) {
    c.createTable(
        t ->
            t.tableName("customers")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    d -> d.attributeName("id").attributeType(ScalarAttributeType.N))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Map<String, AttributeValue> item =
          Map.of(
              "id",
              AttributeValue.fromN(String.valueOf(i)),
              "name",
              AttributeValue.fromS("customer " + i),
              "vip",
              AttributeValue.fromBool(i % 10 == 0));
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      if (batch.size() == 25) {
        BatchWrites.writeAll(c, "customers", batch);
        batch = new ArrayList<>();
      }
    }
  }

  /**
   * Writes items {@code 0..count-1} of {@link SampleItems#order} with {@code threads}
   * BatchWriteItem loops.
   */
  static void write(DynamoDbClient c, String table, int count, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      futures.add(
          pool.submit(
              () -> {
                List<WriteRequest> batch = new ArrayList<>(25);
                for (int i = first; i < count; i += threads) {
                  Map<String, AttributeValue> item = SampleItems.order(i);
                  batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                  if (batch.size() == 25) {
                    BatchWrites.writeAll(c, table, batch);
                    batch = new ArrayList<>(25);
                  }
                }
                if (!batch.isEmpty()) {
                  BatchWrites.writeAll(c, table, batch);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
  }
}
