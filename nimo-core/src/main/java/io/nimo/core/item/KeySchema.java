package io.nimo.core.item;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The primary key of a table: a hash (partition) attribute and an optional range (sort) attribute.
 *
 * @param hashKey the partition key attribute name
 * @param rangeKey the sort key attribute name, or {@code null} for a hash-only table
 */
public record KeySchema(String hashKey, String rangeKey) {

  /**
   * Requires the hash key.
   *
   * @param hashKey the hash (partition) key attribute
   * @param rangeKey the range (sort) key attribute, or {@code null}
   */
  public KeySchema {
    Objects.requireNonNull(hashKey, "hashKey");
  }

  /**
   * The key attributes, hash first.
   *
   * @return one or two attribute names
   */
  public List<String> attributes() {
    return rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey);
  }

  /**
   * The key of an item.
   *
   * @throws IllegalArgumentException if the item lacks a key attribute
   */
  public ItemKey keyOf(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>(2);
    key.put(hashKey, require(item, hashKey));
    if (rangeKey != null) {
      key.put(rangeKey, require(item, rangeKey));
    }
    return new ItemKey(key);
  }

  private static AttributeValue require(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null) {
      throw new IllegalArgumentException("item has no key attribute '" + name + "'");
    }
    return v;
  }
}
