package io.nimo.core.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One PostgreSQL database as nimo reaches it, shared by the target and the checkpoint store (the
 * only place that opens JDBC connections): a small bounded pool; callers borrow a connection per
 * unit of work, in one transaction, and give it back; a connection that failed is closed instead of
 * returned. Opened lazily, closed with its owner. Thread-safe.
 */
public final class PostgresEndpoint implements AutoCloseable {
  private final String url;
  private final Properties props;
  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();

  /**
   * An endpoint; no connection is opened until the first unit of work.
   *
   * @param url the JDBC URL ({@code jdbc:postgresql://host:port/db}, options allowed)
   * @param user the user, or blank to take it from the URL
   * @param password the password (ignored when {@code user} is blank)
   * @param size the most connections kept open
   */
  public PostgresEndpoint(String url, String user, String password, int size) {
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

  /**
   * A unit of work on one connection, in one transaction.
   *
   * @param <T> what it returns
   */
  public interface Work<T> {
    /**
     * Runs on a borrowed connection (auto-commit off).
     *
     * @param c the connection
     * @return the result
     * @throws SQLException on a database error (the transaction is rolled back)
     */
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction on a pooled connection and commits it.
   *
   * @param <T> its result type
   * @return its result
   * @throws SQLException on a database error (rolled back; the connection is discarded)
   */
  public <T> T inTransaction(Work<T> work) throws SQLException {
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

  /**
   * Connects once and runs {@code select 1}, waiting at most {@code timeout} to connect and log in,
   * for the start-up pre-flight; the driver's exception says why it failed ({@link
   * PostgresProbeClassifier} reads it).
   *
   * @param timeout how long connecting and logging in may take
   * @throws SQLException if it fails
   */
  public void probe(java.time.Duration timeout) throws SQLException {
    Properties once = new Properties();
    once.putAll(props);
    String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
    once.setProperty("connectTimeout", seconds);
    once.setProperty("loginTimeout", seconds);
    once.setProperty("socketTimeout", seconds);
    try (Connection c = DriverManager.getConnection(url, once);
        java.sql.Statement s = c.createStatement()) {
      s.execute("select 1");
    }
  }

  /**
   * A connection of its own for a long read (auto-commit off); the caller closes it.
   *
   * @return the connection
   * @throws SQLException if it cannot be opened
   */
  public Connection dedicated() throws SQLException {
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
