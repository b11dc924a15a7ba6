package io.nimo.core.retry;

/** How an adapter's error classifier judges a failure. */
public sealed interface ErrorClass {
  /** A transient failure (throttling, 5xx, connection trouble): retry within the budget. */
  record Retriable(String reason) implements ErrorClass {}

  /** A failure retrying cannot fix (validation, missing table, bad credentials). */
  record Fatal(String reason) implements ErrorClass {}

  static ErrorClass retriable(String reason) {
    return new Retriable(reason);
  }

  static ErrorClass fatal(String reason) {
    return new Fatal(reason);
  }
}
