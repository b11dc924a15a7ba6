package io.nimo.core.checkpoint.mongo;

import com.mongodb.client.MongoClient;
import io.nimo.core.checkpoint.DocumentCheckpointStore;
import io.nimo.core.retry.Retrier;

/**
 * Checkpoints in a MongoDB database ({@code checkpoint.type = mongodb}), by default on the target
 * deployment itself, in the same document layout as the file and dynamodb stores. Thread-safe; owns
 * (closes) the client.
 */
public final class MongoCheckpointStore extends DocumentCheckpointStore {
  private final MongoClient client;

  MongoCheckpointStore(MongoClient client, String database, Retrier retrier, String label) {
    super(new MongoDocuments(client.getDatabase(database), retrier, label));
    this.client = client;
  }

  @Override
  public void close() {
    client.close();
  }
}
