package io.nimo.core.dynamo;

/**
 * A stream position is older than the stream's retention ({@code TrimmedDataAccessException}): the
 * records there are gone. Readers turn it into {@code StreamPositionLostException} naming the
 * table, the shard and the position.
 */
public final class PositionTrimmedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps the endpoint's answer. */
  public PositionTrimmedException(Throwable cause) {
    super("stream position trimmed", cause);
  }
}
