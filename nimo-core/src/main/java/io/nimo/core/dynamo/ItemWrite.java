package io.nimo.core.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One write of a BatchWriteItem call: put a whole item or delete one by key. */
public sealed interface ItemWrite {

  /**
   * The item (for a put) or the key (for a delete).
   *
   * @return the attributes sent
   */
  Map<String, AttributeValue> attributes();

  /**
   * Writes (replaces) a whole item.
   *
   * @param attributes the item
   */
  record Put(Map<String, AttributeValue> attributes) implements ItemWrite {}

  /**
   * Deletes the item with this key.
   *
   * @param attributes the item's primary key
   */
  record Delete(Map<String, AttributeValue> attributes) implements ItemWrite {}
}
