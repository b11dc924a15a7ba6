package io.nimo.flink.item;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One element on its way from a source split to the sink: which table, the item's key (for {@code
 * keyBy}, so one key's writes stay in order on one writer), the item itself and what it is: a
 * scanned image, a stream change, or a Scan reader's end-of-scan marker. Immutable; between
 * operators it travels in {@link ItemRecordSerializer}'s compact binary form, never as JSON text.
 */
@TypeInfo(ItemRecordTypeInfo.Factory.class)
public final class ItemRecord {
  /** What an element is. */
  public enum Kind {
    /** An item image read by the Scan. */
    SCANNED,
    /** A stream INSERT or MODIFY: the item is the new image. */
    CHANGED,
    /** A stream REMOVE: the item is the removed item's key. */
    REMOVED,
    /** A Scan reader read its last segment; the key routes it to one key group. */
    SCAN_DONE,
    /**
     * A new image from an incremental export that bridges the bulk export to the stream: bulk, but
     * newer than the export's images (its {@link #version()} orders the bridge's windows).
     */
    BRIDGED,
    /** As {@link #BRIDGED}, for an item removed in the bridge's window: the item is its key. */
    BRIDGE_REMOVED
  }

  private final Kind kind;
  private final String table;
  private final String key;
  private final Map<String, AttributeValue> item;
  private final int reader;
  private final int readers;

  ItemRecord(
      Kind kind,
      String table,
      String key,
      Map<String, AttributeValue> item,
      int reader,
      int readers) {
    this.kind = Objects.requireNonNull(kind);
    this.table = table;
    this.key = Objects.requireNonNull(key);
    this.item = item;
    this.reader = reader;
    this.readers = readers;
  }

  /** A scanned item; {@code key} is its key's stable string form. */
  public static ItemRecord scanned(String table, String key, Map<String, AttributeValue> item) {
    return new ItemRecord(Kind.SCANNED, table, key, item, 0, 0);
  }

  /**
   * A stream change.
   *
   * @param item the new image, or for a removal the key attributes
   */
  public static ItemRecord change(
      String table, String key, Map<String, AttributeValue> item, boolean removed) {
    return new ItemRecord(removed ? Kind.REMOVED : Kind.CHANGED, table, key, item, 0, 0);
  }

  /**
   * An item from an incremental export bridging the bulk export to the stream.
   *
   * @param item the new image, or for a removal the key attributes
   * @param version the bridge window's place, from 1 (the bulk export's images are 0)
   */
  public static ItemRecord bridged(
      String table, String key, Map<String, AttributeValue> item, boolean removed, int version) {
    return new ItemRecord(
        removed ? Kind.BRIDGE_REMOVED : Kind.BRIDGED, table, key, item, version, 0);
  }

  /**
   * A Scan reader's end-of-scan marker.
   *
   * @param routingKey a key that lands in the wanted key group
   * @param reader the reader's subtask index
   * @param readers the Scan source's parallelism
   */
  public static ItemRecord scanDone(String routingKey, int reader, int readers) {
    return new ItemRecord(Kind.SCAN_DONE, null, routingKey, null, reader, readers);
  }

  /** What this element is. */
  public Kind kind() {
    return kind;
  }

  /** The source table ({@code null} for a marker). */
  public String table() {
    return table;
  }

  /** The item key's stable string form, or a marker's routing key. */
  public String key() {
    return key;
  }

  /** The item (or, removed, its key); {@code null} for a marker. */
  public Map<String, AttributeValue> item() {
    return item;
  }

  /** Which bulk copy an image is from: 0 the Scan or the export, from 1 a bridge window. */
  public int version() {
    return kind == Kind.BRIDGED || kind == Kind.BRIDGE_REMOVED ? reader : 0;
  }

  /** Whether the writer applies this as a change (a put or delete by key, in order). */
  public boolean appliedAsChange() {
    return isChange() || kind == Kind.BRIDGED || kind == Kind.BRIDGE_REMOVED;
  }

  /** Whether this removes its item (a stream REMOVE or a bridge's removal). */
  public boolean removes() {
    return kind == Kind.REMOVED || kind == Kind.BRIDGE_REMOVED;
  }

  /** For a marker: the Scan reader's subtask index. */
  public int reader() {
    return reader;
  }

  /** For a marker: how many Scan readers there are. */
  public int readers() {
    return readers;
  }

  /** The partitioning key: table and item key (a marker's own routing key). */
  public String routingKey() {
    return kind == Kind.SCAN_DONE ? key : table + '\u0000' + key;
  }

  /** Whether this is a stream change (not a scanned image nor a marker). */
  public boolean isChange() {
    return kind == Kind.CHANGED || kind == Kind.REMOVED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemRecord r
        && kind == r.kind
        && Objects.equals(table, r.table)
        && key.equals(r.key)
        && Objects.equals(item, r.item)
        && reader == r.reader
        && readers == r.readers;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, table, key);
  }

  @Override
  public String toString() {
    return "ItemRecord[" + kind + " " + table + " {" + key + "}]";
  }
}
