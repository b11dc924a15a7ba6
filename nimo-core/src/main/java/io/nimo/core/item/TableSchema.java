package io.nimo.core.item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a target needs to mirror a source table, in nimo's own terms (no SDK types): the key, the
 * types of every key attribute, the secondary indexes, billing and TTL. Read from the source once;
 * every target adapter builds its tables, indexes and key columns from it.
 *
 * @param key the table's primary key
 * @param attributeTypes the type of each key attribute of the table and of its indexes
 * @param globalIndexes the global secondary indexes
 * @param localIndexes the local secondary indexes
 * @param capacity the provisioned capacity, or {@code null} for an on-demand table
 * @param ttlAttribute the enabled TTL attribute, or {@code null} when TTL is off
 */
public record TableSchema(
    String name,
    KeySchema key,
    Map<String, KeyAttributeType> attributeTypes,
    List<IndexSchema> globalIndexes,
    List<IndexSchema> localIndexes,
    Capacity capacity,
    String ttlAttribute) {

  /**
   * Requires the name and key, and a type for every key attribute.
   *
   * @param key the primary key
   * @param attributeTypes the key attribute types
   * @param capacity the capacity or {@code null}
   * @param ttlAttribute the TTL attribute or {@code null}
   */
  public TableSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    attributeTypes = Map.copyOf(attributeTypes);
    globalIndexes = globalIndexes == null ? List.of() : List.copyOf(globalIndexes);
    localIndexes = localIndexes == null ? List.of() : List.copyOf(localIndexes);
    List<KeySchema> keys = new ArrayList<>(List.of(key));
    globalIndexes.forEach(i -> keys.add(i.key()));
    localIndexes.forEach(i -> keys.add(i.key()));
    for (KeySchema k : keys) {
      for (String attribute : k.attributes()) {
        if (!attributeTypes.containsKey(attribute)) {
          throw new IllegalArgumentException(
              "table " + name + ": key attribute '" + attribute + "' has no type");
        }
      }
    }
  }

  /**
   * A hash-only or hash+range table with no indexes, on demand, without TTL.
   *
   * @param key the primary key
   * @param types the type of each key attribute
   * @return the schema
   */
  public static TableSchema of(String name, KeySchema key, Map<String, KeyAttributeType> types) {
    return new TableSchema(name, key, types, List.of(), List.of(), null, null);
  }

  /**
   * Whether the table is billed per request.
   *
   * @return {@code true} when there is no provisioned capacity
   */
  public boolean onDemand() {
    return capacity == null;
  }

  /**
   * The type of a key attribute.
   *
   * @param attribute a key attribute of the table or an index
   * @return its type
   */
  public KeyAttributeType typeOf(String attribute) {
    KeyAttributeType t = attributeTypes.get(attribute);
    if (t == null) {
      throw new IllegalArgumentException(
          "table " + name + ": '" + attribute + "' is not a key attribute");
    }
    return t;
  }

  /**
   * This schema with its indexes removed and only the table key's attribute types kept.
   *
   * @return the schema without secondary indexes
   */
  public TableSchema withoutIndexes() {
    Map<String, KeyAttributeType> types = new LinkedHashMap<>();
    key.attributes().forEach(a -> types.put(a, attributeTypes.get(a)));
    return new TableSchema(name, key, types, List.of(), List.of(), capacity, ttlAttribute);
  }

  /**
   * This schema billed per request (no capacity on the table or its global indexes).
   *
   * @return the on-demand schema
   */
  public TableSchema asOnDemand() {
    List<IndexSchema> global =
        globalIndexes.stream()
            .map(
                i -> new IndexSchema(i.name(), i.key(), i.projection(), i.nonKeyAttributes(), null))
            .toList();
    return new TableSchema(name, key, attributeTypes, global, localIndexes, null, ttlAttribute);
  }

  /**
   * This schema with another TTL attribute.
   *
   * @param attribute the TTL attribute, or {@code null} for none
   * @return the schema with that TTL
   */
  public TableSchema withTtl(String attribute) {
    return new TableSchema(
        name, key, attributeTypes, globalIndexes, localIndexes, capacity, attribute);
  }
}
