package io.nimo.core.testkit;

import io.nimo.core.item.ItemJson;
import io.nimo.core.item.KeySchema;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a whole table into a map keyed by the item key's stable string, for exact comparison. */
public final class TableContents {
  private TableContents() {}

  public static Map<String, Map<String, AttributeValue>> read(DynamoDbClient c, String table) {
    KeySchema keys = keySchema(c, table);
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    c.scanPaginator(b -> b.tableName(table).consistentRead(true))
        .items()
        .forEach(item -> out.put(keys.keyOf(item).toString(), item));
    return out;
  }

  /** The key schema of a table, read with the SDK directly (tests compare outside nimo's seams). */
  public static KeySchema keySchema(DynamoDbClient c, String table) {
    String hash = null;
    String range = null;
    for (var e : c.describeTable(b -> b.tableName(table)).table().keySchema()) {
      if (e.keyTypeAsString().equals("HASH")) {
        hash = e.attributeName();
      } else {
        range = e.attributeName();
      }
    }
    return new KeySchema(hash, range);
  }

  /**
   * Differences between two tables, as readable lines (empty when identical, sets compared as
   * sets).
   */
  public static java.util.List<String> diff(
      DynamoDbClient source, DynamoDbClient target, String table) {
    Map<String, Map<String, AttributeValue>> a = read(source, table);
    Map<String, Map<String, AttributeValue>> b = read(target, table);
    java.util.List<String> lines = new java.util.ArrayList<>();
    a.forEach(
        (k, v) -> {
          Map<String, AttributeValue> other = b.get(k);
          if (other == null) {
            lines.add("missing on target: " + k);
          } else if (!io.nimo.core.item.ItemEquality.equal(v, other)) {
            lines.add(
                "differs: "
                    + k
                    + "\n  source "
                    + ItemJson.write(v)
                    + "\n  target "
                    + ItemJson.write(other));
          }
        });
    b.keySet().stream()
        .filter(k -> !a.containsKey(k))
        .forEach(k -> lines.add("extra on target: " + k));
    return lines;
  }

  /**
   * Waits up to 60 s for the target table to equal the source's, then asserts it does, listing the
   * differences left.
   *
   * @param source the source endpoint
   * @param target the target endpoint
   * @param table the table on both
   * @throws Exception if interrupted
   */
  public static void assertConverges(DynamoDbClient source, DynamoDbClient target, String table)
      throws Exception {
    java.util.List<String> diff =
        Await.settle(
            java.time.Duration.ofSeconds(60),
            java.time.Duration.ofMillis(300),
            () -> diff(source, target, table),
            java.util.List::isEmpty);
    org.assertj.core.api.Assertions.assertThat(diff)
        .as("target table %s still differs from the source", table)
        .isEmpty();
  }
}
