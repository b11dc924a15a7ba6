package io.nimo.backsync.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What start-up discovery found, carried by the job graph to the source's deserializer and the
 * TOAST re-reader: each DynamoDB table's {@link TableLayout}, the tables skipped as not DynamoDB
 * tables (their changes are ignored), and the schemas read.
 */
public final class Layouts implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, TableLayout> tables = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> skipped = new LinkedHashMap<>();
  private final ArrayList<String> schemas;

  /**
   * Layouts over some schemas.
   *
   * @param schemas the schemas discovery read
   */
  public Layouts(List<String> schemas) {
    this.schemas = new ArrayList<>(schemas);
  }

  /**
   * Adds a DynamoDB table.
   *
   * @param layout its layout
   * @return this
   */
  public Layouts add(TableLayout layout) {
    tables.put(id(layout.schema(), layout.table()), layout);
    return this;
  }

  /**
   * Adds a table that is not a DynamoDB table.
   *
   * @param schema its schema
   * @param table its name
   * @param reason why it is skipped
   * @return this
   */
  public Layouts skip(String schema, String table, String reason) {
    skipped.put(id(schema, table), reason);
    return this;
  }

  /**
   * A table's layout.
   *
   * @param schema the schema
   * @param table the relation name
   * @return the layout, or null when discovery did not find it as a DynamoDB table
   */
  public TableLayout get(String schema, String table) {
    return tables.get(id(schema, table));
  }

  /**
   * A table's layout by its DynamoDB name (names are unique across the schemas read).
   *
   * @param table the name
   * @return the layout, or null
   */
  public TableLayout byTable(String table) {
    for (TableLayout l : tables.values()) {
      if (l.table().equals(table)) {
        return l;
      }
    }
    return null;
  }

  /**
   * Whether discovery skipped a table as not a DynamoDB table.
   *
   * @param schema the schema
   * @param table the relation name
   * @return true when its changes are to be ignored
   */
  public boolean skipped(String schema, String table) {
    return skipped.containsKey(id(schema, table));
  }

  /**
   * The DynamoDB tables found.
   *
   * @return their layouts, in discovery order
   */
  public Collection<TableLayout> tables() {
    return Collections.unmodifiableCollection(tables.values());
  }

  /**
   * The skipped tables and why, as {@code "schema"."table"} → reason.
   *
   * @return the skipped tables
   */
  public Map<String, String> skippedWithReasons() {
    Map<String, String> out = new LinkedHashMap<>();
    skipped.forEach((k, v) -> out.put(display(k), v));
    return out;
  }

  /**
   * The schemas read, sorted.
   *
   * @return the schemas
   */
  public List<String> schemas() {
    return new ArrayList<>(new TreeSet<>(schemas));
  }

  private static String id(String schema, String table) {
    return schema + '\u0000' + table;
  }

  private static String display(String id) {
    int at = id.indexOf('\u0000');
    return Sql.quote(id.substring(0, at)) + "." + Sql.quote(id.substring(at + 1));
  }
}
