package io.nimo.core.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import io.nimo.core.retry.ErrorClass;
import io.nimo.core.retry.ErrorClassifier;
import java.util.Set;

/**
 * The one place that decides which MongoDB failures are transient: network trouble, server
 * selection timeouts, primary step-downs and anything the server labels retryable are retried; a
 * duplicate key, a validation error or a bad command are not (the writer decides what a duplicate
 * means).
 */
public final class MongoErrorClassifier implements ErrorClassifier {
  /** NotWritablePrimary, NotPrimaryNoSecondaryOk, PrimarySteppedDown, ShutdownInProgress, ... */
  private static final Set<Integer> TRANSIENT_CODES =
      Set.of(6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436);

  /** Duplicate key. */
  public static final int DUPLICATE_KEY = 11000;

  @Override
  public ErrorClass classify(Throwable error) {
    if (error instanceof MongoInterruptedException) {
      return ErrorClass.fatal("interrupted");
    }
    if (error instanceof MongoSocketException || error instanceof MongoTimeoutException) {
      return ErrorClass.retriable("connection: " + error.getMessage());
    }
    if (error instanceof MongoBulkWriteException) {
      return ErrorClass.fatal("write error");
    }
    if (error instanceof MongoWriteConcernException) {
      return ErrorClass.retriable("write concern: " + error.getMessage());
    }
    if (error instanceof MongoException e) {
      if (e.hasErrorLabel("RetryableWriteError") || e.hasErrorLabel("TransientTransactionError")) {
        return ErrorClass.retriable("retryable: " + e.getCode());
      }
      if (TRANSIENT_CODES.contains(e.getCode())) {
        return ErrorClass.retriable("server code " + e.getCode());
      }
      return ErrorClass.fatal("server code " + e.getCode());
    }
    return ErrorClass.fatal(error.getClass().getSimpleName());
  }
}
