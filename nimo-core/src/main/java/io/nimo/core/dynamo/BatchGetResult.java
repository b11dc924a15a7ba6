package io.nimo.core.dynamo;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one BatchGetItem call of one table answered.
 *
 * @param items the items found (only the attributes asked for)
 * @param unprocessedKeys the keys the server left for another call ({@code UnprocessedKeys})
 */
public record BatchGetResult(
    List<Map<String, AttributeValue>> items, List<Map<String, AttributeValue>> unprocessedKeys) {}
