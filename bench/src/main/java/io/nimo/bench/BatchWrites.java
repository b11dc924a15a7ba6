package io.nimo.bench;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The bare BatchWriteItem loop: send, then re-send UnprocessedItems until none are left. */
final class BatchWrites {
  private BatchWrites() {}

  static void writeAll(DynamoDbClient c, String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> req = pending;
      pending = c.batchWriteItem(b -> b.requestItems(req)).unprocessedItems();
    }
  }
}
