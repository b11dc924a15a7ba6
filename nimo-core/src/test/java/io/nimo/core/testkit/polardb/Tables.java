package io.nimo.core.testkit.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** The table side of {@link PolarDbDouble}: index projections PolarDB-DDB refuses. */
final class Tables {
  private Tables() {}

  /** Whether an index's INCLUDE projection lists a key attribute of the table or the index. */
  static boolean projectsKeys(JsonNode create) {
    Set<String> tableKeys = names(create.path("KeySchema"));
    for (String kind : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
      for (JsonNode index : create.path(kind)) {
        Set<String> keys = new HashSet<>(tableKeys);
        keys.addAll(names(index.path("KeySchema")));
        for (JsonNode a : index.path("Projection").path("NonKeyAttributes")) {
          if (keys.contains(a.asText())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Set<String> names(JsonNode keySchema) {
    Set<String> out = new HashSet<>();
    keySchema.forEach(k -> out.add(k.path("AttributeName").asText()));
    return out;
  }
}
