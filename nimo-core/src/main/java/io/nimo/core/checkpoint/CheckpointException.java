package io.nimo.core.checkpoint;

/** Checkpoint data cannot be read or written. */
public class CheckpointException extends RuntimeException {
  /**
   * A checkpoint that cannot be read or written.
   *
   * @param message what went wrong
   */
  public CheckpointException(String message) {
    super(message);
  }

  /**
   * A checkpoint that cannot be read or written, with the cause.
   *
   * @param message what went wrong
   * @param cause the underlying error
   */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
