package io.nimo.core.convert;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A target's representation of DynamoDB items, both ways: the sync writes {@link #toTarget}, and
 * the check, the repair and the reverse sync read the target back through {@link #toItem}. A
 * converter that cannot hold a value refuses it with an {@link IllegalArgumentException} naming the
 * attribute; it never drops or approximates one silently.
 *
 * <p>Thread-safe and stateless: one instance serves every table and thread.
 *
 * @param <D> the target's document type
 */
public interface ItemConverter<D> {

  /**
   * The {@code convert.type} name.
   *
   * @return e.g. {@code exact}
   */
  String name();

  /**
   * The target document of an item.
   *
   * @param item a DynamoDB item
   * @return its document
   * @throws IllegalArgumentException naming the attribute a value of which this mode cannot hold
   */
  D toTarget(Map<String, AttributeValue> item);

  /**
   * The item a target document holds.
   *
   * @param document a document written by {@link #toTarget}
   * @return the item
   * @throws IllegalArgumentException if the document is not in this converter's shape
   */
  Map<String, AttributeValue> toItem(D document);

  /**
   * The target form of one attribute value, as stored in a document (for key filters and indexes).
   *
   * @param value an attribute value
   * @return its stored form
   */
  Object toTargetValue(AttributeValue value);

  /**
   * The target field name of an attribute name.
   *
   * @param attribute the attribute name
   * @return the field name
   */
  String fieldName(String attribute);
}
