package io.nimo.core.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One Scan call: a segment of a table (or the whole table), from a start key.
 *
 * @param segment the segment number (ignored when {@code totalSegments <= 1})
 * @param totalSegments the number of segments of a parallel scan, or 1 for a plain scan
 * @param limit the page's item limit, or 0 for the server's default (1 MB pages)
 * @param startKey the {@code ExclusiveStartKey}, or {@code null} from the beginning
 * @param consistentRead whether the read is strongly consistent
 * @param filterExpression a filter expression, or blank for none
 * @param filterValues the filter's {@code :placeholder} values
 * @param countOnly whether the call only counts ({@code Select = COUNT}): the result has no items,
 *     and its {@code scannedCount} is the page's item count
 */
public record ScanCall(
    String table,
    int segment,
    int totalSegments,
    int limit,
    Map<String, AttributeValue> startKey,
    boolean consistentRead,
    String filterExpression,
    Map<String, AttributeValue> filterValues,
    boolean countOnly) {

  /**
   * Normalises the optional parts.
   *
   * @param totalSegments the segment count
   * @param limit the item limit
   * @param consistentRead consistent or not
   * @param filterExpression the filter
   * @param filterValues the filter's values
   * @param countOnly count only
   */
  public ScanCall {
    filterExpression = filterExpression == null ? "" : filterExpression;
    filterValues = filterValues == null ? Map.of() : filterValues;
  }

  /**
   * A consistent scan page of a whole table.
   *
   * @param startKey where to start, or {@code null}
   * @return the call
   */
  public static ScanCall consistent(String table, Map<String, AttributeValue> startKey) {
    return new ScanCall(table, 0, 1, 0, startKey, true, "", Map.of(), false);
  }

  /**
   * A consistent count of one segment's page: no items are returned, only how many there are.
   *
   * @param totalSegments the segment count
   * @param startKey where to start, or {@code null}
   * @return the call
   */
  public static ScanCall count(
      String table, int segment, int totalSegments, Map<String, AttributeValue> startKey) {
    return new ScanCall(table, segment, totalSegments, 0, startKey, true, "", Map.of(), true);
  }
}
