package io.nimo.core.sink.postgres;

import io.nimo.core.item.KeySchema;

/**
 * Where one DynamoDB table lives in PostgreSQL: {@code "<schema>"."<name>"}, its key columns (named
 * as the key attributes) and its item column, with the quoting every statement uses.
 *
 * @param schema the PostgreSQL schema
 * @param name the table name (the DynamoDB table's, case and punctuation kept)
 * @param keys the key attributes, one column each
 * @param itemColumn the jsonb column holding the whole item
 */
record PostgresTableName(String schema, String name, KeySchema keys, String itemColumn) {

  PostgresTableName {
    if (keys.attributes().contains(itemColumn)) {
      throw new IllegalArgumentException(
          "table "
              + name
              + ": a key attribute named '"
              + itemColumn
              + "' clashes with the item column");
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  String sql() {
    return quote(schema) + "." + quote(name);
  }

  String display() {
    return schema + "." + name;
  }

  String itemColumnSql() {
    return quote(itemColumn);
  }

  String keyColumnsSql() {
    return String.join(", ", keys.attributes().stream().map(PostgresTableName::quote).toList());
  }

  String whereKey() {
    return String.join(" and ", keys.attributes().stream().map(k -> quote(k) + " = ?").toList());
  }
}
