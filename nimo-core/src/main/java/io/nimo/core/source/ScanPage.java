package io.nimo.core.source;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One Scan response of one segment.
 *
 * @param segment the segment number
 * @param items the items of the page (possibly empty when a filter removed them all)
 * @param lastEvaluatedKey where the next page starts, or {@code null} if the segment is finished
 * @param scannedCount items the server read for this page (before the filter)
 */
public record ScanPage(
    int segment,
    List<Map<String, AttributeValue>> items,
    Map<String, AttributeValue> lastEvaluatedKey,
    int scannedCount) {}
