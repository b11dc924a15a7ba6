package io.nimo.core.dynamo;

import java.util.List;

/**
 * The DynamoDB Streams calls nimo makes: the seam for retries and for test fakes (shard splits,
 * expired iterators, trimmed positions). It speaks nimo's types only: pages of {@link ShardRecord},
 * and {@link IteratorExpiredException}, {@link PositionTrimmedException} and {@link
 * StreamNotFoundException} for the answers a reader must act on; other failures (throttling,
 * connections) are left for the caller's retrier to classify. Implementations are thread-safe.
 */
public interface StreamsApi extends AutoCloseable {

  /**
   * Every shard of the stream (all DescribeStream pages), parents before or after children.
   *
   * @throws StreamNotFoundException if the stream does not exist (its table was deleted)
   */
  List<ShardInfo> shards(String streamArn);

  /**
   * An iterator for a shard.
   *
   * @param sequenceNumber start after this record, or at it when {@code inclusive}; {@code null}
   *     for the shard's oldest retained record (TRIM_HORIZON)
   * @param inclusive whether to start at {@code sequenceNumber} rather than after it
   * @throws PositionTrimmedException if the position is older than the stream's retention
   * @throws StreamNotFoundException if the stream or the shard is gone
   */
  String iterator(String streamArn, String shardId, String sequenceNumber, boolean inclusive);

  /** An iterator that sees only records written after this call (LATEST). */
  String latestIterator(String streamArn, String shardId);

  /**
   * One GetRecords call.
   *
   * @param limit at most this many records
   * @return the records and the next iterator ({@code null} once a closed shard is drained)
   * @throws IteratorExpiredException if the iterator is older than its 15 minutes
   * @throws PositionTrimmedException if the iterator points at trimmed records
   */
  RecordsPage records(String iterator, int limit);

  @Override
  void close();
}
