package io.nimo.core.target;

import io.nimo.core.item.ItemKey;

/** An item the target refused for good; the run stops with its table and key. */
public class ItemWriteException extends RuntimeException {
  private final String table;
  private final transient ItemKey key;

  public ItemWriteException(String table, ItemKey key, Throwable cause) {
    super("target refused item {" + key + "} of table " + table + ": " + cause.getMessage(), cause);
    this.table = table;
    this.key = key;
  }

  public String table() {
    return table;
  }

  public ItemKey key() {
    return key;
  }
}
