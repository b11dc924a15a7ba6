package io.nimo.core.dynamo;

/** What a DynamoDB stream record carries ({@code StreamViewType}). */
public enum StreamView {
  /** Only the key attributes. */
  KEYS_ONLY,
  /** The item after the change. */
  NEW_IMAGE,
  /** The item before the change. */
  OLD_IMAGE,
  /** Both images. */
  NEW_AND_OLD_IMAGES
}
