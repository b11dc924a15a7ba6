package io.nimo.core.check;

import io.nimo.core.item.ItemKey;
import java.util.List;

/**
 * One item that differs between source and target. Reports name keys and attribute names only,
 * never attribute values.
 *
 * @param kind how it differs
 * @param key the item's primary key
 * @param attributes for {@link Kind#DIFFERENT}: the attributes whose values differ (sorted); else
 *     empty
 */
public record Difference(Kind kind, ItemKey key, List<String> attributes) {

  /**
   * Copies the attribute names.
   *
   * @param kind what happened
   * @param key the item's primary key
   * @param attributes the attribute names
   */
  public Difference {
    attributes = List.copyOf(attributes);
  }

  /** How an item differs. */
  public enum Kind {
    /** On the source, not on the target. */
    MISSING,
    /** On both, with different attribute values. */
    DIFFERENT,
    /** On the target, not on the source. */
    EXTRA
  }
}
