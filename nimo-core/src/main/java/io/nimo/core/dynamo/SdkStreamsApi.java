package io.nimo.core.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@link StreamsApi} over the AWS SDK v2 streams client: SDK records become {@link ShardRecord}s
 * and the answers a reader acts on become nimo's exceptions; other SDK failures pass unchanged for
 * the caller's retrier ({@link DynamoErrorClassifier}).
 */
public final class SdkStreamsApi implements StreamsApi {
  private static final String DYNAMODB_SERVICE = "dynamodb.amazonaws.com";
  private final DynamoDbStreamsClient client;

  /** Wraps (and owns) an SDK client. */
  public SdkStreamsApi(DynamoDbStreamsClient client) {
    this.client = client;
  }

  /** The streams seam of a DynamoDB endpoint; no network I/O until the first call. */
  public static SdkStreamsApi open(DynamoEndpoint endpoint) {
    return new SdkStreamsApi(endpoint.buildStreamsClient());
  }

  @Override
  public List<ShardInfo> shards(String streamArn) {
    List<ShardInfo> out = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      DescribeStreamResponse r =
          translated(
              "stream " + streamArn,
              () -> client.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from)));
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
    return translated(
            "shard " + shardId + " of " + streamArn,
            () ->
                client.getShardIterator(
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
                    }))
        .shardIterator();
  }

  @Override
  public String latestIterator(String streamArn, String shardId) {
    return translated(
            "shard " + shardId + " of " + streamArn,
            () ->
                client.getShardIterator(
                    b ->
                        b.streamArn(streamArn)
                            .shardId(shardId)
                            .shardIteratorType(ShardIteratorType.LATEST)))
        .shardIterator();
  }

  @Override
  public RecordsPage records(String iterator, int limit) {
    GetRecordsResponse r =
        translated(
            "shard iterator", () -> client.getRecords(b -> b.shardIterator(iterator).limit(limit)));
    List<ShardRecord> records = new ArrayList<>(r.records().size());
    for (Record record : r.records()) {
      records.add(toShardRecord(record));
    }
    return new RecordsPage(records, r.nextShardIterator());
  }

  private static <T> T translated(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ExpiredIteratorException e) {
      throw new IteratorExpiredException(e);
    } catch (TrimmedDataAccessException e) {
      throw new PositionTrimmedException(e);
    } catch (ResourceNotFoundException e) {
      throw new StreamNotFoundException(what, e);
    }
  }

  /**
   * An SDK stream record in nimo's terms; an event this SDK does not know is refused naming the
   * event's own text.
   */
  static ShardRecord toShardRecord(Record r) {
    StreamRecord d = r.dynamodb();
    ShardRecord.Op op =
        switch (r.eventName() == null
            ? software.amazon.awssdk.services.dynamodb.model.OperationType.UNKNOWN_TO_SDK_VERSION
            : r.eventName()) {
          case INSERT -> ShardRecord.Op.INSERT;
          case MODIFY -> ShardRecord.Op.MODIFY;
          case REMOVE -> ShardRecord.Op.REMOVE;
          default ->
              throw new IllegalArgumentException(
                  "stream record "
                      + d.sequenceNumber()
                      + " has unknown event '"
                      + r.eventNameAsString()
                      + "'");
        };
    return new ShardRecord(
        d.sequenceNumber(),
        d.approximateCreationDateTime(),
        op,
        d.keys(),
        op != ShardRecord.Op.REMOVE && d.hasNewImage() ? d.newImage() : null,
        op == ShardRecord.Op.REMOVE && isTtl(r.userIdentity()));
  }

  private static boolean isTtl(Identity identity) {
    return identity != null
        && "Service".equals(identity.type())
        && DYNAMODB_SERVICE.equals(identity.principalId());
  }

  @Override
  public void close() {
    client.close();
  }
}
