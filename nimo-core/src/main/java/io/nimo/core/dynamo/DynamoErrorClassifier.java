package io.nimo.core.dynamo;

import io.nimo.core.retry.ErrorClass;
import io.nimo.core.retry.ErrorClassifier;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place that decides which DynamoDB-API failures are transient: throttling, 5xx, and
 * connection-level trouble (a target that is briefly down) are retried; validation, missing tables
 * and credentials errors are not.
 */
public final class DynamoErrorClassifier implements ErrorClassifier {
  private static final Set<String> THROTTLING =
      Set.of(
          "ProvisionedThroughputExceededException",
          "ThrottlingException",
          "RequestLimitExceeded",
          "Throttling",
          "TooManyRequestsException",
          "LimitExceededException",
          "TransactionInProgressException",
          "InternalServerError",
          "ServiceUnavailable");

  /** What a batch write may retry as a whole: a real throttle (not a 5xx), or the connection. */
  private static final Set<String> BATCH_RETRIES =
      Set.of(
          "ProvisionedThroughputExceededException",
          "ThrottlingException",
          "RequestLimitExceeded",
          "Throttling",
          "TooManyRequestsException");

  /**
   * The classifier for a batch write that an endpoint may refuse as a whole because of one item
   * (PolarDB-DDB's BatchWriteItem is atomic), whatever the status code: only a throttle or trouble
   * on the connection is retried as a batch; any other answer is final for the batch, so the writer
   * splits it to find and name the item.
   */
  public static ErrorClassifier batchWrites() {
    return error -> {
      if (error instanceof AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if ((code != null && BATCH_RETRIES.contains(code))
            || e.isThrottlingException()
            || e.statusCode() == 429) {
          return ErrorClass.retriable(code == null ? "throttled" : code);
        }
        return ErrorClass.fatal(code == null ? "HTTP " + e.statusCode() : code);
      }
      return new DynamoErrorClassifier().classify(error);
    };
  }

  /**
   * Whether an endpoint refused a request because it asked for a strong read ({@code ConsistentRead
   * = true}), as PolarDB-DDB may.
   */
  public static boolean refusesStrongReads(Throwable error) {
    return error instanceof AwsServiceException e
        && e.statusCode() == 400
        && e.getMessage() != null
        && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("consistentread");
  }

  /**
   * Whether an endpoint answered that the table does not exist: DynamoDB's {@code
   * ResourceNotFoundException}, or {@code TableNotFound} as some compatible endpoints say.
   */
  public static boolean isTableNotFound(Throwable error) {
    if (error instanceof software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException) {
      return true;
    }
    if (error instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      String code = e.awsErrorDetails().errorCode();
      return "ResourceNotFoundException".equals(code)
          || "TableNotFound".equals(code)
          || "TableNotFoundException".equals(code);
    }
    return false;
  }

  /**
   * Whether the endpoint asked us to slow down (a throttling code or HTTP 429).
   *
   * @param error what a call threw
   * @return true for throttling
   */
  public static boolean isThrottling(Throwable error) {
    if (error instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return (code != null && THROTTLING.contains(code)) || e.isThrottlingException();
    }
    return false;
  }

  @Override
  public ErrorClass classify(Throwable error) {
    if (error instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (code != null && THROTTLING.contains(code)) {
        return ErrorClass.retriable(code);
      }
      if (e.isThrottlingException()) {
        return ErrorClass.retriable("throttled");
      }
      if (e.statusCode() >= 500) {
        return ErrorClass.retriable("HTTP " + e.statusCode());
      }
      return ErrorClass.fatal(code == null ? "HTTP " + e.statusCode() : code);
    }
    if (error instanceof AbortedException || hasCause(error, InterruptedException.class)) {
      return ErrorClass.fatal("interrupted");
    }
    if (error instanceof SdkClientException || hasCause(error, IOException.class)) {
      return ErrorClass.retriable("connection: " + rootMessage(error));
    }
    return ErrorClass.fatal(error.getClass().getSimpleName());
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " " + c.getMessage());
  }

  /**
   * A retrier for DynamoDB-API calls with the {@code retry.max_backoff} and {@code retry.budget} of
   * a configuration.
   *
   * @param timing the clock the budget is measured with and how retries wait
   * @return the retrier
   */
  public static io.nimo.core.retry.Retrier retrier(
      io.nimo.core.config.Configuration c, io.nimo.core.retry.Timing timing) {
    return io.nimo.core.retry.Retrier.forConfig(c, new DynamoErrorClassifier(), timing);
  }
}
