package io.nimo.core.postgres;

import io.nimo.core.retry.ErrorClass;
import io.nimo.core.retry.ErrorClassifier;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * The one place that decides which PostgreSQL failures are transient, by SQLSTATE: connection
 * trouble (class 08), serialization failures and deadlocks (40001, 40P01), a server shutting down
 * (57P01-57P03) and too many connections (53300) are retried; constraint and data errors are not.
 */
public final class PostgresErrorClassifier implements ErrorClassifier {
  @Override
  public ErrorClass classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (t instanceof SQLTransientException
            || state.startsWith("08")
            || state.equals("40001")
            || state.equals("40P01")
            || state.startsWith("57P0")
            || state.equals("53300")) {
          return ErrorClass.retriable("SQLSTATE " + state);
        }
        return ErrorClass.fatal("SQLSTATE " + state);
      }
    }
    return ErrorClass.fatal(error.getClass().getSimpleName());
  }
}
