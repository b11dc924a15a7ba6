package io.nimo.core.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import io.nimo.core.probe.Problem;

/** Reads what the MongoDB driver threw at a start-up probe. */
public final class MongoProbeClassifier {
  private static final int UNAUTHORIZED = 13;

  private MongoProbeClassifier() {}

  /**
   * The problem behind an exception.
   *
   * @param e what the probe threw
   * @return the problem
   */
  public static Problem problem(Throwable e) {
    if (e instanceof MongoSecurityException) {
      return Problem.CREDENTIALS_REFUSED;
    }
    if (e instanceof MongoTimeoutException) {
      // a failed handshake surfaces as a server-selection timeout that names the cause
      return String.valueOf(e.getMessage()).contains("MongoSecurityException")
          ? Problem.CREDENTIALS_REFUSED
          : Problem.UNREACHABLE;
    }
    if (e instanceof MongoCommandException c) {
      return c.getErrorCode() == UNAUTHORIZED ? Problem.PERMISSION_DENIED : Problem.ERROR;
    }
    return Problem.UNREACHABLE;
  }
}
