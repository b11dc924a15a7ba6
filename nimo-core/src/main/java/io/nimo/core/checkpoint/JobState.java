package io.nimo.core.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a job persists to resume: its phase and per-table progress. Immutable; stores apply
 * {@link Delta}s to produce the next state.
 *
 * @param formatVersion the persisted format version ({@link #FORMAT_VERSION} when written by this
 *     build)
 * @param jobId the job's id ({@code id} in the conf)
 * @param phase where the job is
 * @param tables per-table full-sync progress by name
 * @param streams per-table incremental-sync progress by name
 */
public record JobState(
    int formatVersion,
    String jobId,
    Phase phase,
    Map<String, TableCheckpoint> tables,
    Map<String, StreamCheckpoint> streams) {
  /** The checkpoint format this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Copies the maps (insertion order kept).
   *
   * @param formatVersion the persisted format version
   * @param jobId the job id ({@code id})
   * @param tables the table names
   * @param streams the streams endpoint
   */
  public JobState {
    tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    streams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(streams));
  }

  /**
   * A job that has never run.
   *
   * @param jobId the job id ({@code id})
   */
  public static JobState fresh(String jobId) {
    return new JobState(FORMAT_VERSION, jobId, Phase.NEW, Map.of(), Map.of());
  }

  /**
   * The job phase; {@link #code()} is what the {@code status_table} stores (the original's values).
   */
  public enum Phase {
    /** Nothing done yet. */
    NEW(""),
    /** Copying tables. */
    FULL_SYNC("full_sync"),
    /** Every table copied; the streams are next. */
    FULL_DONE("full_done"),
    /** Following the streams. */
    INCR_SYNC("incr_sync");

    private final String code;

    Phase(String code) {
      this.code = code;
    }

    /** The persisted form. */
    public String code() {
      return code;
    }

    /**
     * The phase persisted as {@code code}; an unknown code is an error.
     *
     * @param code the persisted form
     */
    public static Phase ofCode(String code) {
      for (Phase p : values()) {
        if (p.code.equals(code)) {
          return p;
        }
      }
      throw new IllegalArgumentException("unknown job phase '" + code + "'");
    }
  }

  /** One atomic change to the state. */
  public sealed interface Delta {
    /** The job moved to another phase. */
    record PhaseChanged(Phase phase) implements Delta {}

    /**
     * The target table exists; its bulk copy starts with {@code totalSegments} segments of the
     * given origin ({@link TableCheckpoint#origin()}).
     */
    record TablePrepared(String table, int totalSegments, String origin) implements Delta {
      /** A table whose segments are parallel-Scan segments. */
      public TablePrepared(String table, int totalSegments) {
        this(table, totalSegments, TableCheckpoint.SCAN);
      }
    }

    /** Some segments of a table advanced. */
    record SegmentsAdvanced(String table, List<SegmentCheckpoint> segments) implements Delta {
      /** Copies the list. */
      public SegmentsAdvanced {
        segments = List.copyOf(segments);
      }
    }

    /** Every item of the table is written. */
    record TableCompleted(String table) implements Delta {}

    /**
     * The table is to be copied again from scratch (its stream position was lost): its full-sync
     * progress is cleared and its target table will be dropped and recreated.
     */
    record TableReset(String table) implements Delta {}

    /**
     * The job does not copy this table after all (its target table existed before the job created
     * it).
     */
    record TableForgotten(String table) implements Delta {}

    /** The stream a table's incremental sync follows, with the start position of every shard. */
    record StreamPrepared(String table, String streamArn, List<ShardCheckpoint> shards)
        implements Delta {
      /** Copies the list. */
      public StreamPrepared {
        shards = List.copyOf(shards);
      }
    }

    /** Shards were discovered, advanced or finished. */
    record ShardsAdvanced(String table, List<ShardCheckpoint> shards) implements Delta {
      /** Copies the list. */
      public ShardsAdvanced {
        shards = List.copyOf(shards);
      }
    }

    /**
     * The job follows (or has just recorded) the table's stream at {@code atMillis}.
     *
     * @param atMillis epoch milliseconds
     */
    record StreamConfirmed(String table, long atMillis) implements Delta {}

    /**
     * Finished shards that have left the stream (trimmed after 24 h) and no longer need tracking.
     */
    record ShardsForgotten(String table, List<String> shardIds) implements Delta {
      /**
       * Copies the list.
       *
       * @param shardIds the shards
       */
      public ShardsForgotten {
        shardIds = List.copyOf(shardIds);
      }
    }

    /** The table name this delta touches, if any. */
    default Optional<String> tableName() {
      if (this instanceof TablePrepared t) {
        return Optional.of(t.table());
      }
      if (this instanceof SegmentsAdvanced s) {
        return Optional.of(s.table());
      }
      if (this instanceof TableCompleted t) {
        return Optional.of(t.table());
      }
      if (this instanceof TableReset t) {
        return Optional.of(t.table());
      }
      if (this instanceof TableForgotten t) {
        return Optional.of(t.table());
      }
      return Optional.empty();
    }

    /** The table whose stream progress this delta touches, if any. */
    default Optional<String> streamTable() {
      if (this instanceof StreamPrepared p) {
        return Optional.of(p.table());
      }
      if (this instanceof ShardsAdvanced a) {
        return Optional.of(a.table());
      }
      if (this instanceof ShardsForgotten f) {
        return Optional.of(f.table());
      }
      if (this instanceof StreamConfirmed f) {
        return Optional.of(f.table());
      }
      return Optional.empty();
    }
  }

  /** The stream positions of a table, if recorded. */
  public Optional<StreamCheckpoint> stream(String table) {
    return Optional.ofNullable(streams.get(table));
  }

  /** The full-sync progress of a table, if recorded. */
  public Optional<TableCheckpoint> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /**
   * The state after {@code delta}.
   *
   * @param delta the change
   */
  public JobState apply(Delta delta) {
    Map<String, TableCheckpoint> t = new LinkedHashMap<>(tables);
    Map<String, StreamCheckpoint> st = new LinkedHashMap<>(streams);
    Phase p = phase;
    if (delta instanceof Delta.PhaseChanged c) {
      p = c.phase();
    } else if (delta instanceof Delta.TablePrepared c) {
      t.put(c.table(), TableCheckpoint.prepared(c.table(), c.totalSegments(), c.origin()));
    } else if (delta instanceof Delta.SegmentsAdvanced c) {
      t.put(c.table(), require(c.table()).withSegments(c.segments()));
    } else if (delta instanceof Delta.TableCompleted c) {
      t.put(c.table(), require(c.table()).completed());
    } else if (delta instanceof Delta.TableReset c) {
      t.put(c.table(), new TableCheckpoint(c.table(), false, 0, Map.of(), false));
    } else if (delta instanceof Delta.TableForgotten c) {
      t.remove(c.table());
    } else if (delta instanceof Delta.StreamPrepared c) {
      st.put(
          c.table(),
          new StreamCheckpoint(c.table(), c.streamArn(), Map.of(), 0).withShards(c.shards()));
    } else if (delta instanceof Delta.ShardsAdvanced c) {
      StreamCheckpoint sc = streams.get(c.table());
      if (sc == null) {
        throw new IllegalStateException(
            "no stream checkpoint for table " + c.table() + " (StreamPrepared must come first)");
      }
      st.put(c.table(), sc.withShards(c.shards()));
    } else if (delta instanceof Delta.StreamConfirmed c) {
      StreamCheckpoint sc = streams.get(c.table());
      if (sc != null) {
        st.put(c.table(), sc.confirmedAt(c.atMillis()));
      }
    } else if (delta instanceof Delta.ShardsForgotten c) {
      StreamCheckpoint sc = streams.get(c.table());
      if (sc != null) {
        st.put(c.table(), sc.without(c.shardIds()));
      }
    } else {
      // Delta is sealed: a new kind must be taught here, never ignored
      throw new IllegalArgumentException("unknown checkpoint delta " + delta);
    }
    return new JobState(FORMAT_VERSION, jobId, p, t, st);
  }

  private TableCheckpoint require(String table) {
    TableCheckpoint c = tables.get(table);
    if (c == null) {
      throw new IllegalStateException(
          "no checkpoint for table " + table + " (TablePrepared must come first)");
    }
    return c;
  }
}
