package io.nimo.core.checkpoint;

/** Checkpoint data cannot be read or written. */
public class CheckpointException extends RuntimeException {
  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
