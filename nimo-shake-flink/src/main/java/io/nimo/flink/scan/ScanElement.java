package io.nimo.flink.scan;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the split reader hands the record emitter: an item of a page, or the end-of-page marker that
 * carries the page's {@code LastEvaluatedKey} (emitted after the page's items, so split state moves
 * past a page only once all its items went downstream).
 *
 * @param table the table
 * @param key the item key's string form, or {@code null} for the marker
 * @param item the item, or {@code null} for the marker
 * @param lastKeyJson for the marker: where the next page starts ({@code null} when the segment is
 *     done)
 */
record ScanElement(String table, String key, Map<String, AttributeValue> item, String lastKeyJson) {

  boolean pageEnd() {
    return item == null;
  }
}
