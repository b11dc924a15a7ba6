package io.nimo.core.source.stream;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** {@link StreamsApi} over the AWS SDK v2 streams client. */
public final class SdkStreamsApi implements StreamsApi {
  private final DynamoDbStreamsClient client;

  /**
   * Wraps (and owns) an SDK client.
   *
   * @param client the streams client
   */
  public SdkStreamsApi(DynamoDbStreamsClient client) {
    this.client = client;
  }

  /**
   * The streams seam of a DynamoDB endpoint; no network I/O until the first call.
   *
   * @param endpoint the source endpoint
   * @return a streams API owning its own SDK client
   */
  public static SdkStreamsApi open(io.nimo.core.dynamo.DynamoEndpoint endpoint) {
    return new SdkStreamsApi(endpoint.buildStreamsClient());
  }

  @Override
  public List<ShardInfo> shards(String streamArn) {
    List<ShardInfo> out = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      DescribeStreamResponse r =
          client.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from));
      for (Shard s : r.streamDescription().shards()) {
        out.add(
            new ShardInfo(
                s.shardId(),
                s.parentShardId(),
                s.sequenceNumberRange() == null
                    ? null
                    : s.sequenceNumberRange().endingSequenceNumber()));
      }
      start = r.streamDescription().lastEvaluatedShardId();
    } while (start != null);
    return out;
  }

  @Override
  public String iterator(
      String streamArn, String shardId, String sequenceNumber, boolean inclusive) {
    return client
        .getShardIterator(
            b -> {
              b.streamArn(streamArn).shardId(shardId);
              if (sequenceNumber == null) {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
              } else {
                b.shardIteratorType(
                        inclusive
                            ? ShardIteratorType.AT_SEQUENCE_NUMBER
                            : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .sequenceNumber(sequenceNumber);
              }
            })
        .shardIterator();
  }

  @Override
  public String latestIterator(String streamArn, String shardId) {
    return client
        .getShardIterator(
            b ->
                b.streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.LATEST))
        .shardIterator();
  }

  @Override
  public RecordsPage records(String iterator, int limit) {
    GetRecordsResponse r = client.getRecords(b -> b.shardIterator(iterator).limit(limit));
    return new RecordsPage(r.records(), r.nextShardIterator());
  }

  @Override
  public void close() {
    client.close();
  }
}
