package io.nimo.core.sync.spool;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.sink.Target;
import io.nimo.core.source.ChangeEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a shard's spool to the target in order, recording how far it got so a restart goes on
 * from there (re-applying a little, idempotently). Once all is applied the spool is deleted and the
 * shard continues live from where spooling stopped (or is done, if it had closed).
 */
public final class SpoolReplayer {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolReplayer.class);
  private final Path tableDir;
  private final Target target;
  private final int batchSize;
  private final java.time.Duration checkpointInterval;
  private final StreamProgress progress;
  private final Clock clock;
  private final BooleanSupplier stopped;

  /**
   * A replayer of one table's spools.
   *
   * @param tableDir the table's spool directory
   * @param target where the changes are applied
   * @param batchSize changes applied per call
   * @param checkpointInterval how often replay progress is recorded
   * @param progress the table's stream progress
   * @param stopped turns true to stop
   */
  public SpoolReplayer(
      Path tableDir,
      Target target,
      int batchSize,
      java.time.Duration checkpointInterval,
      StreamProgress progress,
      Clock clock,
      BooleanSupplier stopped) {
    this.tableDir = tableDir;
    this.target = target;
    this.batchSize = batchSize;
    this.checkpointInterval = checkpointInterval;
    this.progress = progress;
    this.clock = clock;
    this.stopped = stopped;
  }

  /**
   * Replays a spooled shard's changes in stream order, from where an earlier replay stopped.
   *
   * @param start the shard's position (status spooling or spooled)
   * @param checkpoint receives the position once the spool is applied
   * @return the position live reading continues from
   * @throws IOException if the spool cannot be read
   */
  public ShardCheckpoint replay(ShardCheckpoint start, Consumer<ShardCheckpoint> checkpoint)
      throws IOException {
    ShardSpool spool = new ShardSpool(tableDir, start.shardId());
    long from = spool.replayed();
    if (from >= 0 && !spool.exists()) {
      throw new IllegalStateException(
          "the spool of shard "
              + start.shardId()
              + " ("
              + spool.file()
              + ") is missing: "
              + "the changes spooled during the full sync are gone, so the target may miss them. Keep "
              + "increase.persist.dir with the checkpoint, or re-run the full sync for this table.");
    }
    if (from >= 0) {
      LOG.info(
          "shard {}: replaying {} KB of spooled changes{}",
          start.shardId(),
          (spool.size() - from) >> 10,
          from > 0 ? " from offset " + from : "");
      apply(spool, from);
      spool.markReplayed(-1);
      spool.deleteSpool();
    }
    ShardCheckpoint next =
        start.withStatus(
            start.status() == ShardCheckpoint.Status.SPOOLED
                ? ShardCheckpoint.Status.DONE
                : ShardCheckpoint.Status.READING);
    checkpoint.accept(next);
    spool.deleteMarker();
    return next;
  }

  private void apply(ShardSpool spool, long from) throws IOException {
    long lastMark = clock.millis();
    try (ShardSpool.LineReader r = spool.reader(from)) {
      List<ChangeEvent> batch = new ArrayList<>();
      long newest = 0;
      for (SpoolCodec.Entry e = r.next(); ; e = r.next()) {
        if (e != null) {
          batch.add(e.event());
          newest = Math.max(newest, e.createdMillis());
        }
        if (!batch.isEmpty() && (e == null || batch.size() >= batchSize)) {
          flush(batch, newest);
          batch.clear();
          if (clock.millis() - lastMark >= checkpointInterval.toMillis()) {
            spool.markReplayed(r.offset());
            lastMark = clock.millis();
          }
          if (stopped.getAsBoolean()) {
            spool.markReplayed(r.offset());
            throw new CancellationException(
                "replay of " + spool.file() + " stopped at offset " + r.offset());
          }
        }
        if (e == null) {
          return;
        }
      }
    }
  }

  private void flush(List<ChangeEvent> batch, long newest) {
    long ttl = batch.stream().filter(ChangeEvent::ttlExpiry).count();
    long written;
    try {
      written = target.apply(batch).written();
    } catch (RuntimeException e) {
      progress.applyError();
      throw e;
    }
    long now = clock.millis();
    progress.recordBatch(batch.size(), written, ttl, Math.min(newest, now), now);
  }
}
