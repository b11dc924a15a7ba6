package io.nimo.core.checkpoint.postgres;

import io.nimo.core.checkpoint.CheckpointDocuments;
import io.nimo.core.retry.Retrier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The checkpoint documents as rows of one PostgreSQL table {@code (name text primary key, doc
 * jsonb)}: {@code status_table}, {@code full.<table>}, {@code incr.<table>}, with the same JSON as
 * the file store. A write is one upsert, atomic for that document. One connection, used by one
 * caller at a time.
 */
final class PostgresDocuments implements CheckpointDocuments {
  private final String url;
  private final Properties props;
  private final String table;
  private final Retrier retrier;
  private final String label;
  private Connection connection;

  PostgresDocuments(String url, Properties props, String table, Retrier retrier, String label) {
    this.url = url;
    this.props = props;
    this.table = table;
    this.retrier = retrier;
    this.label = label;
  }

  private synchronized Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url, props);
      try (var s = connection.createStatement()) {
        s.execute(
            "create table if not exists " + table + " (name text primary key, doc jsonb not null)");
      }
    }
    return connection;
  }

  private synchronized void reset() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // reconnect on the next call
    }
    connection = null;
  }

  @Override
  public synchronized Optional<String> read(String name) {
    return retrier.call(
        "read checkpoint " + name,
        () -> {
          try (PreparedStatement s =
              connection().prepareStatement("select doc::text from " + table + " where name = ?")) {
            s.setString(1, name);
            ResultSet r = s.executeQuery();
            return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
          } catch (SQLException e) {
            reset();
            throw e;
          }
        });
  }

  @Override
  public synchronized void write(String name, String json) {
    retrier.call(
        "write checkpoint " + name,
        () -> {
          try (PreparedStatement s =
              connection()
                  .prepareStatement(
                      "insert into "
                          + table
                          + " (name, doc) values (?, ?::jsonb) "
                          + "on conflict (name) do update set doc = excluded.doc")) {
            s.setString(1, name);
            s.setString(2, json);
            return s.executeUpdate();
          } catch (SQLException e) {
            reset();
            throw e;
          }
        });
  }

  synchronized void close() {
    reset();
  }

  @Override
  public String describe() {
    return label;
  }
}
