package io.nimo.core.s3;

/** An object the export reader needs is not in the store. */
public class ObjectMissingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The object {@code s3://bucket/key} is missing.
   *
   * @param bucket the bucket
   * @param key the key
   */
  public ObjectMissingException(String bucket, String key) {
    super("s3://" + bucket + "/" + key + " does not exist");
  }
}
