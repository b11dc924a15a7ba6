package io.nimo.core.checkpoint.file;

import io.nimo.core.checkpoint.DocumentCheckpointStore;

/**
 * Checkpoints as JSON files in one directory ({@code checkpoint.type = file}): {@code
 * status_table.json}, {@code full.<table>.json} and {@code incr.<table>.json}, each replaced
 * atomically (write to a temporary file, flush, rename). Thread-safe.
 */
public final class FileCheckpointStore extends DocumentCheckpointStore {
  static final String STATUS_FILE = STATUS + ".json";

  public FileCheckpointStore(java.nio.file.Path dir) {
    super(new FileDocuments(dir));
  }
}
