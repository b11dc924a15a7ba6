package io.nimo.core.sink.postgres;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.item.IndexSchema;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.TargetTableExistsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates one table's PostgreSQL table from the source's {@link TableSchema}: a column per key
 * attribute (S → text, N → numeric, B → bytea), the primary key on them, the item column, and one
 * expression index on the item per GSI and LSI. {@code target.db.exist} decides what happens to a
 * table already there.
 */
final class PostgresTableDdl {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final PostgresTableName table;

  PostgresTableDdl(PostgresTableName table) {
    this.table = table;
  }

  PrepareResult prepare(Connection c, TableSchema source, ExistPolicy policy, Instant now)
      throws SQLException {
    List<String> notes = new ArrayList<>();
    boolean dropped = false;
    if (exists(c)) {
      switch (policy) {
        case FAIL -> throw new TargetTableExistsException(table.display());
        case DROP -> {
          exec(c, "drop table " + table.sql());
          dropped = true;
        }
        case RENAME -> {
          String kept = table.name() + "_" + STAMP.format(now);
          exec(c, "alter table " + table.sql() + " rename to " + PostgresTableName.quote(kept));
          notes.add("the existing table was renamed to " + kept);
        }
      }
    }
    StringBuilder ddl = new StringBuilder("create table " + table.sql() + " (");
    for (String k : table.keys().attributes()) {
      ddl.append(PostgresTableName.quote(k))
          .append(' ')
          .append(sqlType(source.typeOf(k)))
          .append(" not null, ");
    }
    ddl.append(table.itemColumnSql()).append(" jsonb not null, primary key (");
    ddl.append(table.keyColumnsSql());
    exec(c, ddl.append("))").toString());
    int n = 0;
    for (IndexSchema g : source.globalIndexes()) {
      exec(c, index("gsi_" + g.name(), g.key(), source));
      n++;
    }
    for (IndexSchema l : source.localIndexes()) {
      exec(c, index("lsi_" + l.name(), l.key(), source));
      n++;
    }
    if (n > 0) {
      notes.add(n + " secondary index(es) created as expression indexes on the item");
    }
    return new PrepareResult(dropped, notes);
  }

  private boolean exists(Connection c) throws SQLException {
    try (PreparedStatement exists = c.prepareStatement("select to_regclass(?)")) {
      exists.setString(1, table.sql());
      ResultSet r = exists.executeQuery();
      r.next();
      return r.getString(1) != null;
    }
  }

  private String index(String indexName, KeySchema key, TableSchema source) {
    List<String> exprs = new ArrayList<>();
    for (String attribute : key.attributes()) {
      String a = attribute.replace("'", "''");
      KeyAttributeType type = source.typeOf(attribute);
      String item = table.itemColumnSql();
      exprs.add(
          type == KeyAttributeType.N
              ? "((" + item + "->'" + a + "'->>'N')::numeric)"
              : "(" + item + "->'" + a + "'->>'" + type + "')");
    }
    return "create index "
        + PostgresTableName.quote(table.name() + "_" + indexName)
        + " on "
        + table.sql()
        + " ("
        + String.join(", ", exprs)
        + ")";
  }

  private static String sqlType(KeyAttributeType type) {
    return switch (type) {
      case N -> "numeric";
      case B -> "bytea";
      case S -> "text";
    };
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
