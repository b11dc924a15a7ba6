package io.nimo.core.dynamo;

/**
 * A stream or shard the endpoint does not know ({@code ResourceNotFoundException} of DynamoDB
 * Streams): usually its table was deleted or its stream replaced, which the caller then finds out.
 */
public final class StreamNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps the endpoint's answer. */
  public StreamNotFoundException(String what, Throwable cause) {
    super(what + " does not exist", cause);
  }
}
