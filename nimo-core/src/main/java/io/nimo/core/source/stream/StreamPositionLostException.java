package io.nimo.core.source.stream;

import java.time.Duration;
import java.util.List;

/**
 * A table's stream position no longer exists: it was trimmed (older than the stream's 24 h
 * retention), a shard left the stream before it was read, a shard with no position waited longer
 * than the retention, or the stream was replaced. Changes may be missing, so the table never goes
 * on silently: it stops, or with {@code incr.on_trimmed = resync} (nimo-shake) is copied again.
 * Every host (nimo-shake, its spool, the check, the Flink job) raises it through the factories
 * here, so each rule has one message.
 */
public final class StreamPositionLostException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private static final String ADVICE =
      ". Copy the table again: set incr.on_trimmed = resync (nimo-shake) to do it automatically, or"
          + " start a new run without the checkpoint (savepoint, for the Flink job)";

  /**
   * A lost position; the message ends with how to go on.
   *
   * @param message what went wrong
   * @param cause the underlying error, or {@code null}
   */
  public StreamPositionLostException(String message, Throwable cause) {
    super(message + ADVICE, cause);
  }

  /** The position a reader opened or read at is older than the stream's retention. */
  public static StreamPositionLostException trimmed(
      String table, String shard, String sequenceNumber, boolean inclusive, Throwable cause) {
    return new StreamPositionLostException(
        "table "
            + table
            + " shard "
            + shard
            + ": the position "
            + describe(sequenceNumber, inclusive)
            + " is no longer in the stream (older than its 24 h retention), so changes may be"
            + " missing on the target",
        cause);
  }

  /** A shard that was not read to its end is no longer listed by the stream. */
  public static StreamPositionLostException shardLeft(String table, String shard) {
    return new StreamPositionLostException(
        "table "
            + table
            + ": shard "
            + shard
            + " left the stream (older than its 24 h retention) before it was read to its end, so"
            + " changes may be missing on the target",
        null);
  }

  /**
   * Shards without a position would be read from TRIM_HORIZON, which silently starts after trimmed
   * records, and the stream was not followed for nearly its retention.
   */
  public static StreamPositionLostException staleStart(
      String table, List<String> shards, Duration notFollowedFor) {
    return new StreamPositionLostException(
        "table "
            + table
            + ": its stream was last followed "
            + notFollowedFor.toHours()
            + " h ago and shard(s) "
            + shards
            + " had no position yet, so records they received meanwhile may have been trimmed (24 h"
            + " retention)",
        null);
  }

  /** The table's stream is not the one the positions belong to. */
  public static StreamPositionLostException streamReplaced(
      String table, String recorded, String current) {
    return new StreamPositionLostException(
        "the stream of table "
            + table
            + " changed (checkpoint "
            + recorded
            + ", now "
            + current
            + "): it was disabled and re-enabled, so changes in between are unknown",
        null);
  }

  private static String describe(String sequenceNumber, boolean inclusive) {
    if (sequenceNumber == null) {
      return "at the shard's start";
    }
    return (inclusive ? "at" : "after") + " sequence number " + sequenceNumber;
  }
}
