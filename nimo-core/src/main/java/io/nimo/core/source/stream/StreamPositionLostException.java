package io.nimo.core.source.stream;

/**
 * A table's stream position no longer exists: it was trimmed (older than the stream's 24 h
 * retention) or the stream was replaced. Changes may be missing, so the table never goes on
 * silently: it stops, or with {@code incr.on_trimmed = resync} is copied again.
 */
public final class StreamPositionLostException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * A lost position; the message says how to go on.
   *
   * @param message what went wrong
   * @param cause the underlying error
   */
  public StreamPositionLostException(String message, Throwable cause) {
    super(
        message
            + ". Set incr.on_trimmed = resync to copy the table again automatically, or re-run its full "
            + "sync (remove the checkpoint)",
        cause);
  }
}
