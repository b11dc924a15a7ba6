package io.nimo.core.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The objects of an S3-compatible store, as the export reader needs them. */
public interface ObjectStore extends AutoCloseable {

  /**
   * Opens an object for reading.
   *
   * @throws ObjectMissingException when there is none
   */
  InputStream open(String bucket, String key);

  /** Whether an object exists. */
  boolean exists(String bucket, String key);

  /**
   * The "folders" directly under a prefix (keys up to the next {@code /} after it).
   *
   * @param prefix a prefix ending in {@code /}
   * @return the sub-prefixes, each ending in {@code /}
   */
  List<String> folders(String bucket, String prefix);

  /** Reads a small object as UTF-8 text. */
  default String read(String bucket, String key) {
    try (InputStream in = open(bucket, key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read s3://" + bucket + "/" + key, e);
    }
  }

  @Override
  void close();
}
