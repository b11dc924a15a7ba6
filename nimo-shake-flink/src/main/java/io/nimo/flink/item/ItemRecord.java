package io.nimo.flink.item;

import java.util.Objects;

/**
 * One element on its way from a source split to the sink: which table, the item's key (for {@code
 * keyBy}, so one key's writes stay in order on one writer), the item as DynamoDB JSON (lossless,
 * and a plain string for Flink's serializers) and what it is: a scanned image, a stream change, or
 * a Scan reader's end-of-scan marker. A Flink POJO: public fields, a no-argument constructor.
 */
public final class ItemRecord {
  /** What an element is. */
  public enum Kind {
    /** An item image read by the Scan. */
    SCANNED,
    /** A stream INSERT or MODIFY: {@code json} is the new image. */
    CHANGED,
    /** A stream REMOVE: {@code json} is the removed item's key. */
    REMOVED,
    /** A Scan reader read its last segment; {@code key} routes it to one key group. */
    SCAN_DONE
  }

  /** The source table ({@code null} for a marker). */
  public String table;

  /** The item key's stable string form ({@code ItemKey.toString()}), or a marker's routing key. */
  public String key;

  /** The item (or, removed, its key) as DynamoDB JSON; {@code null} for a marker. */
  public String json;

  /** What this element is. */
  public Kind kind = Kind.SCANNED;

  /** For a marker: the Scan reader's subtask index. */
  public int reader;

  /** For a marker: how many Scan readers there are. */
  public int readers;

  /** For Flink's POJO serializer. */
  public ItemRecord() {}

  /**
   * A scanned item.
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
   * A stream change.
   *
   * @param table the table
   * @param key the key's string form
   * @param json the new image, or for a removal the key attributes, as DynamoDB JSON
   * @param removed whether the item was removed
   * @return the element
   */
  public static ItemRecord change(String table, String key, String json, boolean removed) {
    ItemRecord r = new ItemRecord(table, key, json);
    r.kind = removed ? Kind.REMOVED : Kind.CHANGED;
    return r;
  }

  /**
   * A Scan reader's end-of-scan marker.
   *
   * @param routingKey a key that lands in the wanted key group
   * @param reader the reader's subtask index
   * @param readers the Scan source's parallelism
   * @return the element
   */
  public static ItemRecord scanDone(String routingKey, int reader, int readers) {
    ItemRecord r = new ItemRecord(null, routingKey, null);
    r.kind = Kind.SCAN_DONE;
    r.reader = reader;
    r.readers = readers;
    return r;
  }

  /**
   * The partitioning key: table and item key (a marker's own routing key).
   *
   * @return a string unique per table and key
   */
  public String routingKey() {
    return kind == Kind.SCAN_DONE ? key : table + '\u0000' + key;
  }

  /**
   * Whether this is a stream change (not a scanned image nor a marker).
   *
   * @return whether this is a change
   */
  public boolean isChange() {
    return kind == Kind.CHANGED || kind == Kind.REMOVED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemRecord r
        && Objects.equals(table, r.table)
        && Objects.equals(key, r.key)
        && Objects.equals(json, r.json)
        && kind == r.kind
        && reader == r.reader
        && readers == r.readers;
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, key, json, kind);
  }

  @Override
  public String toString() {
    return "ItemRecord[" + kind + " " + table + " {" + key + "}]";
  }
}
