package io.nimo.core.source.stream;

import java.util.List;

/**
 * The DynamoDB Streams calls nimo makes: the seam for retries and for test fakes (shard splits,
 * expired iterators, trimmed positions). Implementations are thread-safe.
 */
public interface StreamsApi extends AutoCloseable {

  /**
   * Every shard of the stream (all DescribeStream pages), parents before or after children.
   *
   * @param streamArn the stream
   * @return its shards
   */
  List<ShardInfo> shards(String streamArn);

  /**
   * An iterator for a shard.
   *
   * @param streamArn the stream
   * @param shardId the shard
   * @param sequenceNumber start after this record, or at it when {@code inclusive}; {@code null}
   *     for the shard's oldest record
   * @param inclusive whether to start at {@code sequenceNumber} rather than after it
   * @return the shard iterator
   */
  String iterator(String streamArn, String shardId, String sequenceNumber, boolean inclusive);

  /**
   * An iterator that sees only records written after this call (LATEST).
   *
   * @param streamArn the stream
   * @param shardId the shard
   * @return the shard iterator
   */
  String latestIterator(String streamArn, String shardId);

  /**
   * One GetRecords call.
   *
   * @param iterator where to read
   * @param limit at most this many records
   * @return the records and the next iterator ({@code null} once a closed shard is drained)
   */
  RecordsPage records(String iterator, int limit);

  @Override
  void close();
}
