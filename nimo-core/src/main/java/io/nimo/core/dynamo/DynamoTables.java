package io.nimo.core.dynamo;

import io.nimo.core.item.TableSchema;
import java.util.List;
import java.util.Optional;

/**
 * The table calls nimo makes on a DynamoDB-compatible endpoint: list, describe, create, change and
 * delete tables, in nimo's own types ({@link TableSchema}, {@link TableInfo}, {@link TableChange}).
 * Thread-safe; no retries beyond the SDK's own.
 */
public interface DynamoTables {

  /**
   * All table names (every page).
   *
   * @return the names
   */
  List<String> listTables();

  /**
   * The table's schema and state.
   *
   * @return the description
   * @throws TableNotFoundException if there is no such table
   */
  TableInfo describeTable(String table);

  /**
   * The table's TTL attribute while TTL is enabled (or being enabled).
   *
   * @return the attribute, or empty when TTL is off
   */
  Optional<String> timeToLive(String table);

  /**
   * Creates a table (it may still be CREATING when this returns); TTL is not part of the call.
   *
   * @param schema keys, indexes and billing of the new table
   */
  void createTable(TableSchema schema);

  /**
   * Changes a setting of an existing table.
   *
   * @param change what to change
   */
  void updateTable(String table, TableChange change);

  /** Deletes a table. */
  void deleteTable(String table);
}
