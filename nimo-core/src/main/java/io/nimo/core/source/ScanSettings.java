package io.nimo.core.source;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a table is scanned.
 *
 * @param pageLimit Scan {@code Limit}
 * @param filterExpression optional FilterExpression, empty for none
 * @param filterValues ExpressionAttributeValues of the filter
 */
public record ScanSettings(
    int pageLimit, String filterExpression, Map<String, AttributeValue> filterValues) {
  /**
   * Copies the filter values.
   *
   * @param pageLimit Scan {@code Limit}
   * @param filterExpression optional FilterExpression, empty for none
   * @param filterValues ExpressionAttributeValues of the filter
   */
  public ScanSettings {
    filterValues = Map.copyOf(filterValues);
  }
}
