package io.nimo.core.source;

import io.nimo.core.item.KeySchema;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * What a target needs to know about a source table to mirror it.
 *
 * @param description DescribeTable of the source (keys, indexes, billing, approximate item count)
 * @param ttlAttribute the enabled TTL attribute, or {@code null} when TTL is off
 */
public record SourceTable(TableDescription description, String ttlAttribute) {

  /**
   * The table name.
   *
   * @return the table name
   */
  public String name() {
    return description.tableName();
  }

  /**
   * The table's primary key.
   *
   * @return the table's primary key
   */
  public KeySchema keySchema() {
    return KeySchema.of(description);
  }
}
