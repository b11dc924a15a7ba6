package io.nimo.core.sink;

import io.nimo.core.item.ItemKey;

/** An item the target refused for good; the run stops with its table and key. */
public class ItemWriteException extends RuntimeException {
  /** The table. */
  private final String table;

  private final transient ItemKey key;

  /**
   * The target refused the item with {@code key} in {@code table}.
   *
   * @param key the item's primary key
   * @param cause the underlying error
   */
  public ItemWriteException(String table, ItemKey key, Throwable cause) {
    super("target refused item {" + key + "} of table " + table + ": " + cause.getMessage(), cause);
    this.table = table;
    this.key = key;
  }

  /** The table. */
  public String table() {
    return table;
  }

  /** The refused item's key. */
  public ItemKey key() {
    return key;
  }
}
