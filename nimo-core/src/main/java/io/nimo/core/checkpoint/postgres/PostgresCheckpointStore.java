package io.nimo.core.checkpoint.postgres;

import io.nimo.core.checkpoint.DocumentCheckpointStore;

/**
 * Checkpoints in a PostgreSQL table ({@code checkpoint.type = postgresql}), by default in the
 * target database, in the same document layout as the file, dynamodb and mongodb stores.
 * Thread-safe.
 */
public final class PostgresCheckpointStore extends DocumentCheckpointStore {
  private final PostgresDocuments docs;

  PostgresCheckpointStore(PostgresDocuments docs) {
    super(docs);
    this.docs = docs;
  }

  @Override
  public void close() {
    docs.close();
  }
}
