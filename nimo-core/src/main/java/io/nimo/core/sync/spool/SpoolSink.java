package io.nimo.core.sync.spool;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.stream.ChangeSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Spools one table's changes to local disk while its full sync runs: each page is appended to its
 * shard's {@link ShardSpool} and forced to disk before the shard's position moves over it. The
 * spool of a shard is replayed by the incremental sync before the shard goes live.
 */
final class SpoolSink implements ChangeSink {
  private final Path tableDir;
  private final SpoolBudget budget;
  private final Map<String, ShardSpool> open = new ConcurrentHashMap<>();

  SpoolSink(Path tableDir, SpoolBudget budget) {
    this.tableDir = tableDir;
    this.budget = budget;
  }

  @Override
  public ShardCheckpoint open(ShardCheckpoint start, Consumer<ShardCheckpoint> checkpoint)
      throws IOException {
    ShardSpool spool = new ShardSpool(tableDir, start.shardId());
    if (start.status().spooled() && !spool.exists()) {
      throw new IllegalStateException(
          "the spool of shard "
              + start.shardId()
              + " ("
              + spool.file()
              + ") is missing "
              + "although the checkpoint says changes were spooled to it; keep increase.persist.dir with the checkpoint, "
              + "or re-run the full sync for this table");
    }
    long before = spool.size();
    long kept = spool.prepare(start);
    budget.released(before - kept);
    open.put(start.shardId(), spool);
    return start;
  }

  @Override
  public long accept(String shardId, List<ChangeEvent> events, long newestCreatedMillis)
      throws InterruptedException {
    budget.awaitRoom(shardId);
    try {
      long added = open.get(shardId).append(events, newestCreatedMillis);
      budget.used(added);
      return events.size();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the spool of shard " + shardId + " in " + tableDir + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public ShardCheckpoint.Status readingStatus() {
    return ShardCheckpoint.Status.SPOOLING;
  }

  @Override
  public ShardCheckpoint.Status closedStatus() {
    return ShardCheckpoint.Status.SPOOLED;
  }

  @Override
  public boolean settled(ShardCheckpoint.Status status) {
    return status.finished() || status == ShardCheckpoint.Status.SPOOLED;
  }
}
