package io.nimo.core.source.stream;

import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.retry.Retrier;
import java.util.List;

/**
 * One table's stream as its readers see it: where cursors over its shards come from, with every
 * call retried through the source's retrier. Thread-safe; cursors are not.
 *
 * @param table the source table, for messages
 * @param streamArn its stream
 * @param streams the streams endpoint
 * @param retrier retries throttled and failed calls within the budget
 */
public record TableStream(String table, String streamArn, StreamsApi streams, Retrier retrier) {

  /** Every shard the stream lists now. */
  public List<ShardInfo> shards() {
    return retrier.call("DescribeStream " + table, () -> streams.shards(streamArn));
  }

  /**
   * A cursor over a shard at a position; nothing is called until it reads.
   *
   * @param sequenceNumber start after (or at, when {@code inclusive}) this record; {@code null} for
   *     the oldest retained one
   */
  public ShardCursor cursor(String shardId, String sequenceNumber, boolean inclusive) {
    return new ShardCursor(this, shardId, sequenceNumber, inclusive);
  }
}
