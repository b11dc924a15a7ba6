package io.nimo.core.sync.incr;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SyncMode;
import io.nimo.core.sink.TargetPreparation;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.source.SourceTable;
import io.nimo.core.source.SourceTables;
import io.nimo.core.source.stream.StreamPositions;
import io.nimo.core.sync.run.SourceSide;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Where the incremental sync of each table starts: the stream positions recorded in the checkpoint
 * before any Scan (so nothing written during the copy is missed), and the check that every table to
 * follow has them.
 */
public final class StreamStarts {
  private final StreamPositions positions;
  private final CheckpointStore store;
  private final Clock clock;

  /**
   * Start positions read from the source's streams.
   *
   * @param source the source's tables, streams and retrier
   * @param store where the positions are recorded
   * @param clock the job's clock
   * @param probe how long a shard is probed for its first record ({@code incr.start_probe})
   */
  public StreamStarts(SourceSide source, CheckpointStore store, Clock clock, Duration probe) {
    this.positions =
        new StreamPositions(source.tables(), source.streams(), source.retrier(), probe);
    this.store = store;
    this.clock = clock;
  }

  /**
   * Records a table's start positions and confirms them as followed now.
   *
   * @param start from now, or from the oldest retained record
   */
  public void record(String table, StreamPositions.Start start) {
    StreamPositions.Prepared p = positions.prepare(table, start);
    store.save(new JobState.Delta.StreamPrepared(table, p.streamArn(), p.shards()));
    store.save(new JobState.Delta.StreamConfirmed(table, clock.millis()));
  }

  /**
   * Refuses to follow a table whose position was never recorded: its changes since are unknown.
   *
   * @param tables the tables to follow
   * @param state the checkpoint
   * @param mode the sync mode, for the message
   * @throws ConfigException naming {@code sync_mode} and the table
   */
  public static void requireRecorded(List<String> tables, JobState state, SyncMode mode) {
    for (String t : tables) {
      if (state.stream(t).isEmpty()) {
        throw new ConfigException(
            ShakeOptions.SYNC_MODE.key(),
            "table "
                + t
                + " has no recorded stream position "
                + "(it was copied with sync_mode = full or added to the filter later), so its changes"
                + " since then are unknown; remove the checkpoint and run sync_mode = "
                + mode
                + " from the start");
      }
    }
  }

  /**
   * Creates the target tables an incremental-only run needs (it copies no data); existing ones are
   * kept.
   *
   * @param source describes the source tables
   * @param targets the target's tables
   * @param tables the tables to follow
   */
  public static void createMissingTargets(
      SourceTables source, TargetSession targets, List<String> tables) {
    for (String t : tables) {
      SourceTable table = source.describe(t);
      TargetPreparation.forFollow(targets.table(t, table.keySchema()), table);
    }
  }
}
