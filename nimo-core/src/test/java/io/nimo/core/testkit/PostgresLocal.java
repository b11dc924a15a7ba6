package io.nimo.core.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A real PostgreSQL server (embedded binaries from Maven) on a free loopback port. */
public final class PostgresLocal implements AutoCloseable {
  private final EmbeddedPostgres pg;

  private PostgresLocal(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /**
   * Starts a fresh server with {@code wal_level = logical}.
   *
   * @return the running server
   */
  public static PostgresLocal start() {
    try {
      return new PostgresLocal(
          EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The JDBC URL of its {@code postgres} database.
   *
   * @return the URL
   */
  public String jdbcUrl() {
    return pg.getJdbcUrl("postgres", "postgres");
  }

  /**
   * The JDBC URL of another database of the server.
   *
   * @param database the database name
   * @return the URL
   */
  public String jdbcUrl(String database) {
    return pg.getJdbcUrl("postgres", database);
  }

  /**
   * Runs SQL statements on a database of the server, as the superuser.
   *
   * @param database the database name
   * @param statements the statements
   */
  public void execIn(String database, String... statements) {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(database));
        java.sql.Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The loopback port it listens on.
   *
   * @return the port
   */
  public int port() {
    return pg.getPort();
  }

  /**
   * Runs SQL statements on the {@code postgres} database, as the superuser.
   *
   * @param statements the statements
   */
  public void exec(String... statements) {
    execIn("postgres", statements);
  }

  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
