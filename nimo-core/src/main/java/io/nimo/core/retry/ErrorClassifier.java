package io.nimo.core.retry;

/** One per adapter: decides which failures of that adapter are worth retrying. */
@FunctionalInterface
public interface ErrorClassifier {
  /**
   * Whether an error is worth retrying, and how.
   *
   * @param error the error, or {@code null}
   */
  ErrorClass classify(Throwable error);
}
