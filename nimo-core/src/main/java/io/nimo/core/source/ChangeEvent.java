package io.nimo.core.source;

import io.nimo.core.item.ItemKey;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One change from a DynamoDB stream, ready to apply.
 *
 * @param kind what happened
 * @param key the item's primary key
 * @param newImage the full item after an INSERT or MODIFY; {@code null} for a REMOVE
 * @param sequenceNumber the stream record's sequence number
 * @param ttlExpiry whether DynamoDB itself removed the item because its TTL expired
 */
public record ChangeEvent(
    Kind kind,
    ItemKey key,
    Map<String, AttributeValue> newImage,
    String sequenceNumber,
    boolean ttlExpiry) {

  /** The stream event name. */
  public enum Kind {
    /** A new item. */
    INSERT,
    /** A changed item. */
    MODIFY,
    /** A deleted item. */
    REMOVE
  }

  /**
   * Requires a new image for INSERT and MODIFY.
   *
   * @param kind what happened
   * @param key the item's primary key
   * @param newImage the full item after the change
   * @param sequenceNumber the stream sequence number
   * @param ttlExpiry whether DynamoDB removed the item because its TTL expired
   */
  public ChangeEvent {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(key);
    if (kind != Kind.REMOVE && newImage == null) {
      throw new IllegalArgumentException(
          kind
              + " of {"
              + key
              + "} has no new image (stream view type must be "
              + "NEW_IMAGE or NEW_AND_OLD_IMAGES)");
    }
  }
}
