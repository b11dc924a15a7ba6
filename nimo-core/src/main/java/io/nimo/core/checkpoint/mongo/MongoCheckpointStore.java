package io.nimo.core.checkpoint.mongo;

import io.nimo.core.checkpoint.DocumentCheckpointStore;
import io.nimo.core.mongo.MongoEndpoint;
import io.nimo.core.retry.Retrier;

/**
 * Checkpoints in a MongoDB database ({@code checkpoint.type = mongodb}), by default on the target
 * deployment itself, in the same document layout as the file and dynamodb stores. Thread-safe;
 * releases its lease on the process's shared client when closed.
 */
public final class MongoCheckpointStore extends DocumentCheckpointStore {
  private final MongoEndpoint.Connection connection;

  MongoCheckpointStore(
      MongoEndpoint.Connection connection, String database, Retrier retrier, String label) {
    super(new MongoDocuments(connection.client().getDatabase(database), retrier, label));
    this.connection = connection;
  }

  @Override
  public void close() {
    connection.close();
  }
}
