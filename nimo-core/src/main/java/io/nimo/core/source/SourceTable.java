package io.nimo.core.source;

import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;

/**
 * A source table as the sync and the check see it at start.
 *
 * @param schema keys, indexes, billing and TTL: what a target mirrors
 * @param approximateItems DynamoDB's approximate item count (updated about every 6 hours)
 */
public record SourceTable(TableSchema schema, long approximateItems) {

  /** The table name. */
  public String name() {
    return schema.name();
  }

  /** The table's primary key. */
  public KeySchema keySchema() {
    return schema.key();
  }
}
