package io.nimo.flink.stream;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the split reader hands the record emitter: one change, or (with {@code key == null}) the
 * note that an empty page was read, which moves the shard's "last followed" time only.
 *
 * @param table the table
 * @param key the item key's string form, or {@code null} for the note
 * @param item the new image, or for a removal the key attributes
 * @param removed whether the item was removed
 * @param sequenceNumber the stream record's sequence number
 * @param readAtMillis when the page was read
 */
record ShardElement(
    String table,
    String key,
    Map<String, AttributeValue> item,
    boolean removed,
    String sequenceNumber,
    long readAtMillis) {

  static ShardElement followed(String table, long readAtMillis) {
    return new ShardElement(table, null, null, false, null, readAtMillis);
  }

  boolean isNote() {
    return key == null;
  }
}
