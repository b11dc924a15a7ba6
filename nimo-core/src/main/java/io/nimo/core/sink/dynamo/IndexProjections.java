package io.nimo.core.sink.dynamo;

import io.nimo.core.item.IndexSchema;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Index projections as every DynamoDB-API endpoint takes them: an INCLUDE projection never lists
 * the table's or the index's key attributes, which every index projects anyway (PolarDB-DDB refuses
 * a projection that lists them). Each attribute dropped is noted for the table's summary.
 */
final class IndexProjections {
  private IndexProjections() {}

  static TableSchema withoutKeyAttributes(TableSchema source, List<String> notes) {
    return new TableSchema(
        source.name(),
        source.key(),
        source.attributeTypes(),
        strip(source.globalIndexes(), source.key(), notes),
        strip(source.localIndexes(), source.key(), notes),
        source.capacity(),
        source.ttlAttribute());
  }

  private static List<IndexSchema> strip(
      List<IndexSchema> indexes, KeySchema table, List<String> notes) {
    List<IndexSchema> out = new ArrayList<>(indexes.size());
    for (IndexSchema index : indexes) {
      Set<String> keys = new LinkedHashSet<>();
      keys.add(table.hashKey());
      keys.add(table.rangeKey());
      keys.add(index.key().hashKey());
      keys.add(index.key().rangeKey());
      List<String> dropped = index.nonKeyAttributes().stream().filter(keys::contains).toList();
      if (dropped.isEmpty()) {
        out.add(index);
        continue;
      }
      notes.add(
          "index "
              + index.name()
              + ": key attribute(s) "
              + dropped
              + " left out of its projection (every index projects its keys anyway)");
      List<String> kept = index.nonKeyAttributes().stream().filter(a -> !keys.contains(a)).toList();
      out.add(
          new IndexSchema(
              index.name(),
              index.key(),
              kept.isEmpty() ? IndexSchema.Projection.KEYS_ONLY : index.projection(),
              kept,
              index.capacity()));
    }
    return out;
  }
}
