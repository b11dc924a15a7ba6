package io.nimo.core.source.stream;

import java.util.List;

/**
 * The DynamoDB Streams calls nimo makes: the seam for retries and for test fakes (shard splits,
 * expired iterators, trimmed positions). Implementations are thread-safe.
 */
public interface StreamsApi extends AutoCloseable {

  /** Every shard of the stream (all DescribeStream pages), parents before or after children. */
  List<ShardInfo> shards(String streamArn);

  /**
   * An iterator for a shard.
   *
   * @param sequenceNumber start after this record, or at it when {@code inclusive}; {@code null} for the
   *     shard's oldest record
   */
  String iterator(String streamArn, String shardId, String sequenceNumber, boolean inclusive);

  /** An iterator that sees only records written after this call (LATEST). */
  String latestIterator(String streamArn, String shardId);

  /** One GetRecords call. */
  RecordsPage records(String iterator, int limit);

  @Override
  void close();
}
