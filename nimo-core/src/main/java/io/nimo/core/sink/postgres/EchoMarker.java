package io.nimo.core.sink.postgres;

import io.nimo.core.postgres.PostgresEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Marks every transaction nimo-shake writes, so polardb-backsync (the way back, PostgreSQL →
 * DynamoDB) can tell them from the application's own changes and does not echo them back while both
 * directions run. The mark is an upsert of this connection's row in {@code "<schema>"."<table>"} as
 * the transaction's first statement; logical replication delivers it right before the transaction's
 * changes, carrying the same transaction id. One row per backend (connection), so concurrent
 * writers never wait on each other.
 */
final class EchoMarker {
  private final String schema;
  private final String table;
  private volatile boolean ready;

  /**
   * A marker.
   *
   * @param schema the target schema
   * @param table the marker table; empty turns marking off
   */
  EchoMarker(String schema, String table) {
    this.schema = schema;
    this.table = table;
  }

  private String qualified() {
    return quote(schema) + "." + quote(table);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Creates the marker table once per process (outside the write's transaction). */
  void ensure(PostgresEndpoint db) throws SQLException {
    if (table.isEmpty() || ready) {
      return;
    }
    synchronized (this) {
      if (ready) {
        return;
      }
      try {
        db.inTransaction(
            c -> {
              exec(
                  c,
                  "create table if not exists "
                      + qualified()
                      + " (writer integer primary key, xid bigint not null,"
                      + " at timestamptz not null)");
              return null;
            });
      } catch (SQLException e) {
        // another process created it at the same moment: fine, it exists
        if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
          throw e;
        }
      }
      ready = true;
    }
  }

  /** Marks the connection's current transaction as nimo-shake's; call first in it. */
  void mark(Connection c) throws SQLException {
    if (table.isEmpty()) {
      return;
    }
    exec(
        c,
        "insert into "
            + qualified()
            + " (writer, xid, at) values (pg_backend_pid(), txid_current(), now())"
            + " on conflict (writer) do update set xid = excluded.xid, at = excluded.at");
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
