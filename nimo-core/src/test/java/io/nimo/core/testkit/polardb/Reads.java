package io.nimo.core.testkit.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side of {@link PolarDbDouble}: strong-read flags, the lagging replica, lost keys. */
final class Reads {
  private Reads() {}

  static boolean asksStrong(PolarDbDouble.Call c) {
    return switch (c.op) {
      case "GetItem", "Scan", "Query" -> c.body.path("ConsistentRead").asBoolean(false);
      case "BatchGetItem" -> {
        for (Map.Entry<String, JsonNode> t : PolarDbDouble.fields(c.body.path("RequestItems"))) {
          if (t.getValue().path("ConsistentRead").asBoolean(false)) {
            yield true;
          }
        }
        yield false;
      }
      default -> false;
    };
  }

  static void dropStrong(PolarDbDouble.Call c) {
    c.body.remove("ConsistentRead");
    for (Map.Entry<String, JsonNode> t : PolarDbDouble.fields(c.body.path("RequestItems"))) {
      ((ObjectNode) t.getValue()).remove("ConsistentRead");
    }
  }

  /** Answers lagging keys with their previous images. */
  static void stale(PolarDbDouble d, PolarDbDouble.Call c, ObjectNode response, long now)
      throws IOException {
    switch (c.op) {
      case "GetItem" -> {
        String table = c.body.path("TableName").asText();
        String id = d.keyId(table, c.body.path("Key"), d.keyNames(table, c));
        Optional<JsonNode> was = d.lag().stale(table, PolarDbDouble.keyOf(id), now);
        if (was.isPresent()) {
          d.staleReads.incrementAndGet();
          if (was.get().isNull()) {
            response.remove("Item");
          } else {
            response.set("Item", was.get());
          }
        }
      }
      case "BatchGetItem" -> {
        for (Map.Entry<String, JsonNode> t : PolarDbDouble.fields(c.body.path("RequestItems"))) {
          String table = t.getKey();
          List<String> names = d.keyNames(table, c);
          ArrayNode found = responses(response, table);
          for (JsonNode key : t.getValue().path("Keys")) {
            String id = d.keyId(table, key, names);
            Optional<JsonNode> was = d.lag().stale(table, PolarDbDouble.keyOf(id), now);
            if (was.isPresent()) {
              d.staleReads.incrementAndGet();
              remove(d, found, table, id, names);
              if (!was.get().isNull()) {
                found.add(was.get());
              }
            }
          }
        }
      }
      case "Scan", "Query" -> {
        String table = c.body.path("TableName").asText();
        List<String> names = d.keyNames(table, c);
        ArrayNode items = PolarDbDouble.array(response.path("Items"));
        for (int i = items.size() - 1; i >= 0; i--) {
          String id = d.keyId(table, items.get(i), names);
          Optional<JsonNode> was = d.lag().stale(table, PolarDbDouble.keyOf(id), now);
          if (was.isPresent()) {
            d.staleReads.incrementAndGet();
            if (was.get().isNull()) {
              items.remove(i);
            } else {
              items.set(i, was.get());
            }
          }
        }
        if (response.has("Count") && !c.body.path("Select").asText().equals("COUNT")) {
          response.put("Count", items.size());
        }
      }
      default -> {}
    }
  }

  /**
   * Leaves one key in five out of BatchGetItem's answer and lists it under {@code UnprocessedKey},
   * a field no client reads (PolarProxy before 2.3.64).
   */
  static void misreport(PolarDbDouble d, PolarDbDouble.Call c, ObjectNode response)
      throws IOException {
    ObjectNode wrong = d.json().createObjectNode();
    for (Map.Entry<String, JsonNode> t : PolarDbDouble.fields(c.body.path("RequestItems"))) {
      String table = t.getKey();
      List<String> names = d.keyNames(table, c);
      ArrayNode found = responses(response, table);
      ArrayNode left = d.json().createArrayNode();
      for (JsonNode key : t.getValue().path("Keys")) {
        String id = d.keyId(table, key, names);
        if (Math.floorMod(id.hashCode(), 5) == 0) {
          remove(d, found, table, id, names);
          left.add(key);
          d.keysMisreported.incrementAndGet();
        }
      }
      if (!left.isEmpty()) {
        wrong.putObject(table).set("Keys", left);
      }
    }
    if (!wrong.isEmpty()) {
      response.set("UnprocessedKey", wrong);
    }
  }

  private static ArrayNode responses(ObjectNode response, String table) {
    ObjectNode all =
        response.has("Responses")
            ? (ObjectNode) response.get("Responses")
            : response.putObject("Responses");
    return all.has(table) ? (ArrayNode) all.get(table) : all.putArray(table);
  }

  private static void remove(
      PolarDbDouble d, ArrayNode items, String table, String id, List<String> names) {
    for (int i = items.size() - 1; i >= 0; i--) {
      if (d.keyId(table, items.get(i), names).equals(id)) {
        items.remove(i);
      }
    }
  }
}
