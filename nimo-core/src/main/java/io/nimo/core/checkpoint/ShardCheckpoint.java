package io.nimo.core.checkpoint;

import java.util.Locale;
import java.util.Objects;

/**
 * Durable progress of one stream shard. Sequence numbers, never iterators, are stored.
 *
 * @param shardId the shard
 * @param parentShardId its parent, or {@code null}; a shard is read only after its parent is done
 * @param sequenceNumber resume after this record; {@code null} = from the shard's oldest record
 * @param status where the shard is
 */
public record ShardCheckpoint(String shardId, String parentShardId, String sequenceNumber, Status status) {

  public ShardCheckpoint {
    Objects.requireNonNull(shardId);
    Objects.requireNonNull(status);
  }

  /** Shard states; {@link #code()} is the persisted form (the original's wording where it had one). */
  public enum Status {
    /** Known, not read yet (waiting for its parent or a worker). */
    PENDING("prepare stage"),
    /** Being read. */
    READING("in processing"),
    /** Closed and every record applied. */
    DONE("done"),
    /** Closed before the full sync started: the scan already holds its changes. */
    SKIPPED("no need to process");

    private final String code;

    Status(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public boolean finished() {
      return this == DONE || this == SKIPPED;
    }

    public static Status ofCode(String code) {
      for (Status s : values()) {
        if (s.code.equals(code) || s.name().equals(code.toUpperCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown shard status '" + code + "'");
    }
  }

  public ShardCheckpoint advancedTo(String sequence) {
    return new ShardCheckpoint(shardId, parentShardId, sequence, Status.READING);
  }

  public ShardCheckpoint finishedAt(String sequence) {
    return new ShardCheckpoint(shardId, parentShardId, sequence, Status.DONE);
  }
}
