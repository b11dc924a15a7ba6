package io.nimo.core.sink.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A small bounded pool of JDBC connections: writers borrow one per call and give it back; a
 * connection that failed is closed instead of returned. Opened lazily, closed with the session.
 */
final class PostgresConnections implements AutoCloseable {
  private final String url;
  private final Properties props;
  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();

  PostgresConnections(String url, String user, String password, int size) {
    this.url = url;
    this.props = new Properties();
    // one multi-row INSERT per batch instead of a round trip per row; the URL may override it
    props.setProperty("reWriteBatchedInserts", "true");
    if (!user.isBlank()) {
      props.setProperty("user", user);
      props.setProperty("password", password);
    }
    this.idle = new ArrayBlockingQueue<>(Math.max(1, size));
  }

  /** A unit of work on one connection, in one transaction. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  <T> T inTransaction(Work<T> work) throws SQLException {
    Connection c = borrow();
    boolean ok = false;
    try {
      T out = work.run(c);
      c.commit();
      ok = true;
      return out;
    } finally {
      if (ok) {
        idle.offer(c);
      } else {
        discard(c);
      }
    }
  }

  private Connection borrow() throws SQLException {
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    Connection fresh = DriverManager.getConnection(url, props);
    fresh.setAutoCommit(false);
    synchronized (all) {
      all.add(fresh);
    }
    return fresh;
  }

  private void discard(Connection c) {
    try {
      c.rollback();
      c.close();
    } catch (SQLException ignored) {
      // the connection is gone either way
    }
    synchronized (all) {
      all.remove(c);
    }
  }

  /** A connection of its own for a long read; the caller closes it. */
  Connection dedicated() throws SQLException {
    Connection c = DriverManager.getConnection(url, props);
    c.setAutoCommit(false);
    return c;
  }

  @Override
  public void close() {
    synchronized (all) {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      all.clear();
    }
  }
}
