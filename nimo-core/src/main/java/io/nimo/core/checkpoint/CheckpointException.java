package io.nimo.core.checkpoint;

/** Checkpoint data cannot be read or written. */
public class CheckpointException extends RuntimeException {
  /** A checkpoint that cannot be read or written. */
  public CheckpointException(String message) {
    super(message);
  }

  /** A checkpoint that cannot be read or written, with the cause. */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
