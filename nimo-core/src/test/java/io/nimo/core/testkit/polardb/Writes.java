package io.nimo.core.testkit.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The write side of {@link PolarDbDouble}: which items a batch holds, their images before. */
final class Writes {
  private Writes() {}

  static boolean anyPut(PolarDbDouble.Call c, Predicate<JsonNode> refused) {
    for (Map.Entry<String, JsonNode> t : PolarDbDouble.fields(c.body.path("RequestItems"))) {
      for (JsonNode w : t.getValue()) {
        if (w.has("PutRequest") && refused.test(w.path("PutRequest").path("Item"))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The image each key a write request touches has now (read strongly from the real endpoint), by
   * key id; {@code null} for a key without an item. Empty for a request that writes nothing.
   */
  static Map<String, JsonNode> before(PolarDbDouble d, PolarDbDouble.Call c) throws IOException {
    Map<String, List<JsonNode>> keys = new LinkedHashMap<>();
    switch (c.op) {
      case "PutItem" ->
          keys.computeIfAbsent(table(c), t -> new ArrayList<>()).add(c.body.path("Item"));
      case "DeleteItem", "UpdateItem" ->
          keys.computeIfAbsent(table(c), t -> new ArrayList<>()).add(c.body.path("Key"));
      case "BatchWriteItem" -> {
        for (Map.Entry<String, JsonNode> t : PolarDbDouble.fields(c.body.path("RequestItems"))) {
          for (JsonNode w : t.getValue()) {
            keys.computeIfAbsent(t.getKey(), k -> new ArrayList<>())
                .add(
                    w.has("PutRequest")
                        ? w.path("PutRequest").path("Item")
                        : w.path("DeleteRequest").path("Key"));
          }
        }
      }
      default -> {
        return Map.of();
      }
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<JsonNode>> t : keys.entrySet()) {
      String table = t.getKey();
      List<String> names = d.keyNames(table, c);
      ObjectNode get = d.json().createObjectNode();
      ObjectNode wanted = get.putObject("RequestItems").putObject(table);
      wanted.put("ConsistentRead", true);
      for (JsonNode item : t.getValue()) {
        ObjectNode key = wanted.withArray("Keys").addObject();
        names.forEach(n -> key.set(n, item.path(n)));
        out.put(d.keyId(table, item, names), null);
      }
      PolarDbDouble.Answer now = d.forward("BatchGetItem", get, c);
      for (JsonNode item : now.body().path("Responses").path(table)) {
        out.put(d.keyId(table, item, names), item);
      }
    }
    return out;
  }

  private static String table(PolarDbDouble.Call c) {
    return c.body.path("TableName").asText();
  }
}
