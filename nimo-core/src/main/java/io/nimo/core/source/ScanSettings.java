package io.nimo.core.source;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.FilterValues;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.SourceOptions;
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

  /**
   * The Scan page size ({@code qps.full.batch_num}) and filter ({@code
   * full.read.filter_expression}, {@code full.read.filter_attributevalues}) of a configuration.
   *
   * @return the settings
   */
  public static ScanSettings from(Configuration c) {
    return new ScanSettings(
        c.get(SourceOptions.QPS_FULL_BATCH),
        c.get(FullSyncOptions.FULL_FILTER_EXPRESSION),
        FilterValues.parse(c.get(FullSyncOptions.FULL_FILTER_VALUES)));
  }
}
