package io.nimo.backsync.source;

import io.nimo.backsync.config.BackSyncOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a JDBC connection to the source with the driver itself: on a Flink cluster the job runs in
 * a user-code class loader whose drivers {@code DriverManager} does not see.
 */
final class PgConnect {
  private PgConnect() {}

  static Connection open(BackSyncOptions o) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", o.pgUser());
    p.setProperty("password", o.pgPassword());
    p.setProperty("connectTimeout", "10");
    Connection c = new org.postgresql.Driver().connect(o.jdbcUrl(), p);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + o.jdbcUrl());
    }
    return c;
  }
}
