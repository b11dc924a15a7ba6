package io.nimo.core.dynamo;

/**
 * A shard iterator is older than its 15 minutes ({@code ExpiredIteratorException}): the reader
 * opens a new one after the last record it read. Nothing is lost.
 */
public final class IteratorExpiredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps the endpoint's answer. */
  public IteratorExpiredException(Throwable cause) {
    super("shard iterator expired", cause);
  }
}
