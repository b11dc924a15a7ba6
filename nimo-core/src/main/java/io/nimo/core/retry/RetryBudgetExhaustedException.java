package io.nimo.core.retry;

/** A retriable failure kept happening until the retry budget ran out. */
public class RetryBudgetExhaustedException extends RuntimeException {
  private final int attempts;

  public RetryBudgetExhaustedException(String operation, int attempts, Throwable last) {
    super(
        operation
            + " still failing after "
            + attempts
            + " attempts within the retry budget: "
            + last.getMessage(),
        last);
    this.attempts = attempts;
  }

  public int attempts() {
    return attempts;
  }
}
