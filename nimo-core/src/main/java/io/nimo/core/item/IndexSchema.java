package io.nimo.core.item;

import java.util.List;
import java.util.Objects;

/**
 * A secondary index (global or local) of a table.
 *
 * @param name the index name
 * @param key the index's key attributes
 * @param projection which attributes the index holds
 * @param nonKeyAttributes the extra attributes of an {@link Projection#INCLUDE} projection (empty
 *     otherwise)
 * @param capacity the index's provisioned capacity (global indexes of provisioned tables), or
 *     {@code null}
 */
public record IndexSchema(
    String name,
    KeySchema key,
    Projection projection,
    List<String> nonKeyAttributes,
    Capacity capacity) {

  /** What a secondary index projects. */
  public enum Projection {
    /** Every attribute. */
    ALL,
    /** The table and index keys only. */
    KEYS_ONLY,
    /** The keys and {@link IndexSchema#nonKeyAttributes()}. */
    INCLUDE
  }

  /**
   * Requires a name, key and projection.
   *
   * @param name the index name
   * @param key the index key
   * @param nonKeyAttributes the included attributes
   * @param capacity the capacity or {@code null}
   */
  public IndexSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(projection, "projection");
    nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
  }
}
