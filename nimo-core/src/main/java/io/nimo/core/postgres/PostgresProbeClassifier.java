package io.nimo.core.postgres;

import io.nimo.core.probe.Problem;
import java.sql.SQLException;

/** Reads what the PostgreSQL driver threw at a start-up probe (by SQLSTATE class). */
public final class PostgresProbeClassifier {
  private PostgresProbeClassifier() {}

  /**
   * The problem behind an exception.
   *
   * @param e what the probe threw
   * @return the problem
   */
  public static Problem problem(Throwable e) {
    if (!(e instanceof SQLException s) || s.getSQLState() == null) {
      return Problem.UNREACHABLE;
    }
    String state = s.getSQLState();
    if (state.startsWith("28")) {
      return Problem.CREDENTIALS_REFUSED; // invalid authorization specification
    }
    if (state.startsWith("08")) {
      return Problem.UNREACHABLE; // connection exception
    }
    if (state.equals("42501")) {
      return Problem.PERMISSION_DENIED;
    }
    return Problem.ERROR;
  }
}
