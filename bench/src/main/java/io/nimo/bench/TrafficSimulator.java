package io.nimo.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The PolarDB migration guide's traffic simulation (its appendix), in Java: creates a table ({@code
 * pk} S, 100/100 provisioned), inserts 100 items, then updates one random item per second. For test
 * environments only. Usage: {@code TrafficSimulator --endpoint URL [--table src1] [--items 100]
 * [--rate 1] [--seconds 0 (forever)]}.
 */
public final class TrafficSimulator {
  private TrafficSimulator() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String table = args.get("table", "src1");
    int items = args.getInt("items", 100);
    int rate = args.getInt("rate", 1);
    int seconds = args.getInt("seconds", 0);
    try (DynamoDbClient c = LocalClients.client(args.require("endpoint"), 2)) {
      LocalClients.awaitReady(c, Duration.ofSeconds(60));
      try {
        c.createTable(
            t ->
                t.tableName(table)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(
                        d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .provisionedThroughput(
                        p -> p.readCapacityUnits(100L).writeCapacityUnits(100L)));
      } catch (ResourceInUseException exists) {
        System.out.println("table " + table + " exists; reusing it");
      }
      c.waiter().waitUntilTableExists(b -> b.tableName(table));
      List<WriteRequest> batch = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        Map<String, AttributeValue> item =
            Map.of(
                "pk",
                AttributeValue.fromS("item-" + i),
                "status",
                AttributeValue.fromS("NEW"),
                "counter",
                AttributeValue.fromN("0"));
        batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        if (batch.size() == 25) {
          BatchWrites.writeAll(c, table, batch);
          batch = new ArrayList<>();
        }
      }
      if (!batch.isEmpty()) {
        BatchWrites.writeAll(c, table, batch);
      }
      System.out.printf(
          "inserted %d items into %s; updating %d item(s) per second%n", items, table, rate);
      Random rnd = new Random();
      Instant end = seconds == 0 ? Instant.MAX : Instant.now().plusSeconds(seconds);
      long updates = 0;
      while (Instant.now().isBefore(end)) {
        String pk = "item-" + rnd.nextInt(items);
        c.updateItem(
            b ->
                b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(pk)))
                    .updateExpression("SET #s = :s, #c = #c + :one, updated_at = :t")
                    .expressionAttributeNames(Map.of("#s", "status", "#c", "counter"))
                    .expressionAttributeValues(
                        Map.of(
                            ":s",
                            AttributeValue.fromS(rnd.nextBoolean() ? "PAID" : "SHIPPED"),
                            ":one",
                            AttributeValue.fromN("1"),
                            ":t",
                            AttributeValue.fromS(Instant.now().toString()))));
        updates++;
        if (updates % (rate * 10L) == 0) {
          System.out.printf("%d updates%n", updates);
        }
        Thread.sleep(1000L / rate);
      }
    }
  }
}
