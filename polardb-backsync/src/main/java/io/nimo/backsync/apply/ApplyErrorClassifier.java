package io.nimo.backsync.apply;

import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place that decides which DynamoDB write errors are worth retrying: throttling, server
 * errors and I/O. Everything else (validation, a missing table, access denied, an item too big) is
 * permanent and fails the job naming the key.
 */
public final class ApplyErrorClassifier {
  private static final Set<String> RETRYABLE_CODES =
      Set.of(
          "ProvisionedThroughputExceededException",
          "ThrottlingException",
          "RequestLimitExceeded",
          "Throttling",
          "InternalServerError",
          "ServiceUnavailable",
          "LimitExceededException");

  private ApplyErrorClassifier() {}

  /**
   * Whether another attempt may succeed.
   *
   * @param error what the store threw
   * @return true to retry within the budget
   */
  public static boolean retryable(Throwable error) {
    if (error instanceof AwsServiceException) {
      AwsServiceException e = (AwsServiceException) error;
      if (e.isThrottlingException() || e.statusCode() >= 500) {
        return true;
      }
      return e.awsErrorDetails() != null
          && RETRYABLE_CODES.contains(e.awsErrorDetails().errorCode());
    }
    if (error instanceof SdkClientException) {
      return true; // connection refused, reset, timeouts
    }
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
