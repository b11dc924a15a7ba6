package io.nimo.flink;

import java.util.Objects;

/**
 * One item on its way from a source split to the sink: which table, the item's key (for {@code
 * keyBy}, so one key's writes stay in order on one writer) and the item as DynamoDB JSON (lossless,
 * and a plain string for Flink's serializers). A Flink POJO: public fields, a no-argument
 * constructor.
 */
public final class ItemRecord {
  /** The source table. */
  public String table;

  /** The item key's stable string form ({@code ItemKey.toString()}). */
  public String key;

  /** The whole item as DynamoDB JSON, or {@code null} for a delete. */
  public String json;

  /** For Flink's POJO serializer. */
  public ItemRecord() {}

  /**
   * An item to write.
   *
   * @param table the table
   * @param key the key's string form
   * @param json the item as DynamoDB JSON
   */
  public ItemRecord(String table, String key, String json) {
    this.table = table;
    this.key = key;
    this.json = json;
  }

  /**
   * The partitioning key: table and item key.
   *
   * @return a string unique per table and key
   */
  public String routingKey() {
    return table + '\u0000' + key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemRecord r
        && Objects.equals(table, r.table)
        && Objects.equals(key, r.key)
        && Objects.equals(json, r.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, key, json);
  }

  @Override
  public String toString() {
    return "ItemRecord[" + table + " {" + key + "}]";
  }
}
