package io.nimo.core.retry;

/** One per adapter: decides which failures of that adapter are worth retrying. */
@FunctionalInterface
public interface ErrorClassifier {
  ErrorClass classify(Throwable error);
}
