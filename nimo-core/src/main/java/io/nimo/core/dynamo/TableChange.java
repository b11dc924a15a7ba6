package io.nimo.core.dynamo;

/** A change to an existing table's settings ({@code UpdateTable}, {@code UpdateTimeToLive}). */
public sealed interface TableChange {

  /**
   * Turns the table's stream on.
   *
   * @param view what the stream's records carry
   */
  record EnableStream(StreamView view) implements TableChange {}

  /**
   * Turns TTL on.
   *
   * @param attribute the TTL attribute
   */
  record EnableTtl(String attribute) implements TableChange {}
}
