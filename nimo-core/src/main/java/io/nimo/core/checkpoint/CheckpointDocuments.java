package io.nimo.core.checkpoint;

import java.util.Optional;

/**
 * Named JSON documents in some durable place: the storage half of a {@link
 * DocumentCheckpointStore}. Each {@link #write} replaces one document atomically (readers see the
 * old or the new text).
 */
public interface CheckpointDocuments {

  /** The document's text, or empty if it was never written. */
  Optional<String> read(String name);

  /**
   * Replaces the document atomically.
   *
   * @param json the JSON text
   */
  void write(String name, String json);

  /** Where the documents live, for logs; never contains credentials. */
  String describe();
}
