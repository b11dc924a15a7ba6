package io.nimo.backsync.apply;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB the job writes to, behind a seam we own (tests wrap it to inject throttling,
 * unprocessed items and failures, and to record what was written).
 */
public interface ItemStore extends AutoCloseable {
  /**
   * One BatchWriteItem call: at most 25 requests, distinct keys per table.
   *
   * @param requests table → puts and deletes
   * @return what DynamoDB left unprocessed (empty when all were written)
   * @throws RuntimeException the SDK's error, for {@link ApplyErrorClassifier}
   */
  Map<String, List<WriteRequest>> batchWrite(Map<String, List<WriteRequest>> requests);

  @Override
  void close();
}
