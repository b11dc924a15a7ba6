package io.nimo.core.source.stream;

import io.nimo.core.retry.Retrier;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Reads one shard from a position to where it ends now: a closed shard to its last record, an open
 * one until two GetRecords calls in a row return nothing (DynamoDB Streams may answer one empty
 * page before records that are already there). Used where a position or a set of changes is wanted
 * once, not followed.
 */
public final class ShardDrain {
  private final StreamsApi streams;
  private final Retrier retrier;

  /**
   * A drain over the given endpoint.
   *
   * @param streams the streams endpoint
   * @param retrier retries each call
   */
  public ShardDrain(StreamsApi streams, Retrier retrier) {
    this.streams = streams;
    this.retrier = retrier;
  }

  /**
   * Reads the shard after {@code afterSequence} (from its oldest record when {@code null}).
   *
   * @param what the table and shard, for messages
   * @param streamArn the stream
   * @param shardId the shard
   * @param afterSequence start after this record, or {@code null}
   * @param pages receives every non-empty page, in order
   * @param enough after a page, whether to stop there (e.g. its records are newer than wanted)
   * @return the sequence number of the last record read, or {@code afterSequence} when none was
   * @throws StreamPositionLostException if the position is older than the stream's retention
   */
  public String drain(
      String what,
      String streamArn,
      String shardId,
      String afterSequence,
      Consumer<List<RecordStamp>> pages,
      Predicate<List<RecordStamp>> enough) {
    String last = afterSequence;
    String it;
    try {
      it =
          retrier.call(
              "GetShardIterator " + what,
              () -> streams.iterator(streamArn, shardId, afterSequence, false));
    } catch (TrimmedDataAccessException trimmed) {
      throw new StreamPositionLostException(
          what
              + ": the position after sequence number "
              + afterSequence
              + " is no longer in the stream (older than its 24 h retention)",
          trimmed);
    }
    int emptyInARow = 0;
    while (it != null && emptyInARow < 2) {
      String current = it;
      RecordsPage page = retrier.call("GetRecords " + what, () -> streams.records(current, 1000));
      List<RecordStamp> records = page.records().stream().map(RecordStamp::of).toList();
      if (records.isEmpty()) {
        emptyInARow++;
      } else {
        emptyInARow = 0;
        pages.accept(records);
        last = records.get(records.size() - 1).sequenceNumber();
        if (enough.test(records)) {
          return last;
        }
      }
      it = page.nextIterator();
    }
    return last;
  }
}
