package io.nimo.core.source.stream;

import io.nimo.core.dynamo.ShardRecord;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads one shard from a cursor's position to where it ends now: a closed shard to its last record,
 * an open one until two GetRecords calls in a row return nothing (DynamoDB Streams may answer one
 * empty page before records that are already there). Used where a position or a set of changes is
 * wanted once, not followed.
 */
public final class ShardDrain {
  /** Records asked for per call: DynamoDB's maximum. */
  private static final int PAGE = 1000;

  private ShardDrain() {}

  /**
   * Reads the shard from the cursor's position.
   *
   * @param pages receives every non-empty page, in order
   * @param enough after a page, whether to stop there (e.g. its records are newer than wanted)
   * @return the sequence number of the last record read, or the cursor's start when none was
   * @throws StreamPositionLostException if the position is older than the stream's retention
   */
  public static String drain(
      ShardCursor cursor, Consumer<List<ShardRecord>> pages, Predicate<List<ShardRecord>> enough) {
    int emptyInARow = 0;
    while (!cursor.closed() && emptyInARow < 2) {
      ShardCursor.Page page = cursor.next(PAGE);
      if (page.records().isEmpty()) {
        emptyInARow++;
        continue;
      }
      emptyInARow = 0;
      pages.accept(page.records());
      if (enough.test(page.records())) {
        break;
      }
    }
    return cursor.sequenceNumber();
  }

  /** The sequence number of the newest record in the shard now, or {@code null} if it is empty. */
  public static String currentEnd(TableStream stream, String shardId) {
    return drain(stream.cursor(shardId, null, false), page -> {}, page -> false);
  }
}
