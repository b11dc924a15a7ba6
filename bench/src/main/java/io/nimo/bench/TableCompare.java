package io.nimo.bench;

import io.nimo.core.dynamo.SdkDynamoApi;
import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.KeySchema;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Compares every source table with the same-named target table item by item (both directions) and
 * prints one line per table; exit code 1 if anything differs. Usage: {@code TableCompare --source
 * URL --target URL}.
 */
public final class TableCompare {
  private TableCompare() {}

  public static void main(String[] argv) {
    Args args = new Args(argv);
    int differences = 0;
    try (DynamoDbClient src = LocalClients.client(args.require("source"), 4);
        DynamoDbClient dst = LocalClients.client(args.require("target"), 4)) {
      for (String table : src.listTables().tableNames()) {
        differences += compare(src, dst, table);
      }
    }
    System.out.println(
        differences == 0
            ? "check: source and target are identical"
            : "check: " + differences + " difference(s) found");
    System.exit(differences == 0 ? 0 : 1);
  }

  private static int compare(DynamoDbClient src, DynamoDbClient dst, String table) {
    if (!dst.listTables().tableNames().contains(table)) {
      System.out.printf("  %-12s missing on target%n", table);
      return 1;
    }
    KeySchema keys = new SdkDynamoApi(src).describeTable(table).schema().key();
    Map<String, Map<String, AttributeValue>> target = new HashMap<>();
    dst.scanPaginator(b -> b.tableName(table).consistentRead(true))
        .items()
        .forEach(i -> target.put(keys.keyOf(i).toString(), i));
    long checked = 0;
    int diffs = 0;
    for (Map<String, AttributeValue> item :
        src.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()) {
      checked++;
      Map<String, AttributeValue> other = target.remove(keys.keyOf(item).toString());
      if (other == null || !ItemEquality.equal(item, other)) {
        diffs++;
        if (diffs <= 5) {
          System.out.printf(
              "  %-12s %s {%s}%n",
              table, other == null ? "missing on target" : "differs", keys.keyOf(item));
        }
      }
    }
    diffs += target.size();
    target.keySet().stream()
        .limit(5)
        .forEach(k -> System.out.printf("  %-12s extra on target {%s}%n", table, k));
    System.out.printf("  %-12s %d items compared, %d difference(s)%n", table, checked, diffs);
    return diffs;
  }
}
