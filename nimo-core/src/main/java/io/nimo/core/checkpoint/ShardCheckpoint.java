package io.nimo.core.checkpoint;

import java.util.Locale;
import java.util.Objects;

/**
 * Durable progress of one stream shard. Sequence numbers, never iterators, are stored.
 *
 * @param shardId the shard
 * @param parentShardId its parent, or {@code null}; a shard is read only after its parent is done
 * @param sequenceNumber resume after (or at, see {@code inclusive}) this record; {@code null} =
 *     from the shard's oldest record
 * @param status where the shard is
 * @param inclusive whether reading starts AT {@code sequenceNumber} (a start position found by
 *     probing) rather than after it (the last applied record)
 */
public record ShardCheckpoint(
    String shardId, String parentShardId, String sequenceNumber, Status status, boolean inclusive) {

  /**
   * Checks that an inclusive position has a sequence number.
   *
   * @param shardId the shard
   * @param parentShardId the parent shard, or {@code null}
   * @param sequenceNumber the stream sequence number
   * @param inclusive whether reading starts at the sequence number
   */
  public ShardCheckpoint {
    Objects.requireNonNull(shardId);
    Objects.requireNonNull(status);
    if (inclusive && sequenceNumber == null) {
      throw new IllegalArgumentException("an inclusive position needs a sequence number");
    }
  }

  /**
   * A position after {@code sequenceNumber} (or from the oldest record when it is {@code null}).
   *
   * @param shardId the shard
   * @param parentShardId the parent shard, or {@code null}
   * @param sequenceNumber the stream sequence number
   */
  public ShardCheckpoint(
      String shardId, String parentShardId, String sequenceNumber, Status status) {
    this(shardId, parentShardId, sequenceNumber, status, false);
  }

  /** The iterator type this position opens with, as the original's {@code IteratorType} field. */
  public String iteratorType() {
    return sequenceNumber == null
        ? "TRIM_HORIZON"
        : inclusive ? "AT_SEQUENCE_NUMBER" : "AFTER_SEQUENCE_NUMBER";
  }

  /**
   * Shard states; {@link #code()} is the persisted form (the original's wording where it had one).
   */
  public enum Status {
    /** Known, not read yet (waiting for its parent or a worker). */
    PENDING("prepare stage"),
    /** Being read. */
    READING("in processing"),
    /** Closed and every record applied. */
    DONE("done"),
    /**
     * Being read into the local spool while the full sync runs: records up to the position are on
     * disk, not applied.
     */
    SPOOLING("spooling"),
    /** Closed and every record in the local spool, not applied yet. */
    SPOOLED("spooled"),
    /** Closed before the full sync started: the scan already holds its changes. */
    SKIPPED("no need to process");

    private final String code;

    Status(String code) {
      this.code = code;
    }

    /** The persisted form. */
    public String code() {
      return code;
    }

    /** Whether the shard needs no more reading ({@link #DONE} or {@link #SKIPPED}). */
    public boolean finished() {
      return this == DONE || this == SKIPPED;
    }

    /**
     * Whether records up to the position wait in the local spool (replayed before the shard goes
     * live).
     */
    public boolean spooled() {
      return this == SPOOLING || this == SPOOLED;
    }

    /**
     * The status persisted as {@code code} (or its enum name); an unknown one is an error.
     *
     * @param code the persisted form
     */
    public static Status ofCode(String code) {
      for (Status s : values()) {
        if (s.code.equals(code) || s.name().equals(code.toUpperCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown shard status '" + code + "'");
    }
  }

  /**
   * The position after {@code sequence}, in the same status.
   *
   * @param sequence the stream sequence number
   */
  public ShardCheckpoint advancedTo(String sequence) {
    return new ShardCheckpoint(shardId, parentShardId, sequence, status);
  }

  /** The same position in another status. */
  public ShardCheckpoint withStatus(Status next) {
    return new ShardCheckpoint(shardId, parentShardId, sequenceNumber, next, inclusive);
  }

  /**
   * Whether the record with {@code sequence} is behind this position (already consumed): before it
   * for an inclusive position, at or before it otherwise. Sequence numbers compare as numbers.
   *
   * @param sequence the stream sequence number
   * @return whether the record with {@code sequence} is already consumed
   */
  public boolean covers(String sequence) {
    if (sequenceNumber == null) {
      return false;
    }
    int c = new java.math.BigInteger(sequence).compareTo(new java.math.BigInteger(sequenceNumber));
    return inclusive ? c < 0 : c <= 0;
  }
}
