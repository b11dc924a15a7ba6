package io.nimo.backsync.source;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;

/**
 * How one published table holds DynamoDB items, as found at start: the JSONB column with the whole
 * item, the DynamoDB key (from the target table's key schema) and where a change's key is read:
 * from the primary-key columns when they are the key attributes (nimo-shake's layout), else from
 * the document (PolarDB-DDB's own tables, whose primary key may be a surrogate or absent; deletes
 * then need the old document, REPLICA IDENTITY FULL).
 */
public final class TableLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String schema;
  private final String table;
  private final String documentColumn;
  private final List<KeyAttribute> key;
  private final boolean keyFromColumns;
  private final char replicaIdentity;

  /**
   * A layout.
   *
   * @param schema the PostgreSQL schema
   * @param table the relation name, which is the DynamoDB table name
   * @param documentColumn the JSONB column holding the item as DynamoDB JSON
   * @param key the DynamoDB key attributes, hash first
   * @param keyFromColumns true when the primary-key columns are the key attributes
   * @param replicaIdentity {@code pg_class.relreplident}: d, f, i or n
   */
  public TableLayout(
      String schema,
      String table,
      String documentColumn,
      List<KeyAttribute> key,
      boolean keyFromColumns,
      char replicaIdentity) {
    this.schema = schema;
    this.table = table;
    this.documentColumn = documentColumn;
    this.key = List.copyOf(key);
    this.keyFromColumns = keyFromColumns;
    this.replicaIdentity = replicaIdentity;
  }

  /**
   * The schema.
   *
   * @return the schema
   */
  public String schema() {
    return schema;
  }

  /**
   * The relation and DynamoDB table name.
   *
   * @return the name
   */
  public String table() {
    return table;
  }

  /**
   * The document column.
   *
   * @return its name
   */
  public String documentColumn() {
    return documentColumn;
  }

  /**
   * The DynamoDB key, hash attribute first.
   *
   * @return the attributes
   */
  public List<KeyAttribute> key() {
    return Collections.unmodifiableList(key);
  }

  /**
   * Whether the key is read from the primary-key columns (else from the document).
   *
   * @return true for nimo-shake's layout
   */
  public boolean keyFromColumns() {
    return keyFromColumns;
  }

  /**
   * The replica identity.
   *
   * @return d (default), f (full), i (index) or n (nothing)
   */
  public char replicaIdentity() {
    return replicaIdentity;
  }

  /**
   * One line for the start-up log and {@code --describe}.
   *
   * @return the description
   */
  public String describe() {
    return "table "
        + Sql.quote(schema)
        + "."
        + Sql.quote(table)
        + ": document column "
        + documentColumn
        + ", DynamoDB key "
        + key
        + " read from "
        + (keyFromColumns ? "the primary-key columns" : "the document")
        + ", replica identity "
        + ReplicaIdentity.name(replicaIdentity);
  }
}
