package io.nimo.backsync.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table as PostgreSQL's catalog describes it: columns and their types, primary-key columns and
 * the replica identity. Read from {@code pg_class}, {@code pg_attribute} and {@code pg_index}, the
 * same catalog the README's checks for a real cluster query.
 */
final class CatalogTable {
  final String schema;
  final String name;
  final char replicaIdentity;
  final Map<String, String> columns = new LinkedHashMap<>();
  final List<String> primaryKey = new ArrayList<>();

  private CatalogTable(String schema, String name, char replicaIdentity) {
    this.schema = schema;
    this.name = name;
    this.replicaIdentity = replicaIdentity;
  }

  /**
   * The ordinary and partitioned tables of some schemas (partitions are left out: their changes are
   * published under the parent only with publish_via_partition_root).
   */
  static List<CatalogTable> read(Connection c, List<String> schemas, boolean allSchemas)
      throws SQLException {
    String sql =
        "select n.nspname, c.relname, c.relreplident::text, c.oid from pg_class c"
            + " join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relkind in ('r', 'p') and not c.relispartition"
            + " and n.nspname not in ('pg_catalog', 'information_schema')"
            + " and n.nspname not like 'pg\\_%'"
            + (allSchemas ? "" : " and n.nspname = any(?)")
            + " order by n.nspname, c.relname";
    List<CatalogTable> out = new ArrayList<>();
    List<Long> oids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (!allSchemas) {
        s.setArray(1, c.createArrayOf("text", schemas.toArray()));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new CatalogTable(r.getString(1), r.getString(2), r.getString(3).charAt(0)));
          oids.add(r.getLong(4));
        }
      }
    }
    for (int i = 0; i < out.size(); i++) {
      out.get(i).readColumns(c, oids.get(i));
    }
    return out;
  }

  private void readColumns(Connection c, long oid) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select attname, format_type(atttypid, atttypmod) from pg_attribute"
                + " where attrelid = ? and attnum > 0 and not attisdropped order by attnum")) {
      s.setLong(1, oid);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          columns.put(r.getString(1), r.getString(2));
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
                + " and a.attnum = any(i.indkey) where i.indrelid = ? and i.indisprimary"
                + " order by array_position(i.indkey::int2[], a.attnum)")) {
      s.setLong(1, oid);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          primaryKey.add(r.getString(1));
        }
      }
    }
  }

  /** The DynamoDB type a key column of this PostgreSQL type holds, or null for none. */
  static String keyType(String pgType) {
    if (pgType.equals("text") || pgType.startsWith("character varying")) {
      return "S";
    }
    if (pgType.startsWith("numeric")) {
      return "N";
    }
    return pgType.equals("bytea") ? "B" : null;
  }

  String display() {
    return Sql.quote(schema) + "." + Sql.quote(name);
  }
}
