package io.nimo.core.checkpoint.dynamo;

import io.nimo.core.checkpoint.DocumentCheckpointStore;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.retry.Retrier;

/**
 * Checkpoints in a table on a DynamoDB-API endpoint ({@code checkpoint.type = dynamodb}), by
 * default the target itself: nothing to keep on the migration host's disk. Same documents as the
 * file store, one item each. Thread-safe; owns (closes) the endpoint client.
 */
public final class DynamoCheckpointStore extends DocumentCheckpointStore {
  private final DynamoClient api;

  public DynamoCheckpointStore(
      DynamoClient api, Retrier retrier, String table, String endpointLabel) {
    super(new DynamoDocuments(api, retrier, table, endpointLabel));
    this.api = api;
  }

  @Override
  public void close() {
    api.close();
  }
}
