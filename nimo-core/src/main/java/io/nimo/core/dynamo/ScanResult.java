package io.nimo.core.dynamo;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one Scan call returned.
 *
 * @param items the page's items (after the filter)
 * @param lastKey the {@code LastEvaluatedKey} to continue from, or {@code null} when the segment is
 *     done
 * @param scannedCount how many items the server read for this page (before the filter)
 */
public record ScanResult(
    List<Map<String, AttributeValue>> items,
    Map<String, AttributeValue> lastKey,
    int scannedCount) {}
