package io.nimo.core.dynamo;

import io.nimo.core.item.TableSchema;

/**
 * A described table: its schema (without TTL, which is a separate call) and its current state.
 *
 * @param schema keys, indexes and billing
 * @param status the table's status
 * @param indexesActive whether every global index is ACTIVE
 * @param stream the table's stream view while its stream is enabled, or {@code null}
 * @param streamArn the latest stream's ARN (may remain after the stream is disabled), or {@code
 *     null}
 * @param itemCount the approximate item count (updated by DynamoDB about every 6 hours)
 * @param sizeBytes the approximate table size in bytes
 */
public record TableInfo(
    TableSchema schema,
    Status status,
    boolean indexesActive,
    StreamView stream,
    String streamArn,
    long itemCount,
    long sizeBytes) {

  /** A table's lifecycle state. */
  public enum Status {
    /** Being created. */
    CREATING,
    /** Being updated. */
    UPDATING,
    /** Being deleted. */
    DELETING,
    /** Ready. */
    ACTIVE,
    /** Any other state (archiving, inaccessible key, ...). */
    OTHER
  }

  /** The table name. */
  public String name() {
    return schema.name();
  }

  /**
   * Whether the table and its global indexes are ACTIVE.
   *
   * @return {@code true} when the table can be written and read through every index
   */
  public boolean ready() {
    return status == Status.ACTIVE && indexesActive;
  }
}
