package io.nimo.core.source.stream;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What a reader of a stream's positions needs of one record: which key changed, where the record
 * sits in its shard and when it was written.
 *
 * @param keys the changed item's key attributes
 * @param sequenceNumber the record's sequence number in its shard
 * @param created the approximate time the change was made, or {@code null} if the endpoint gives
 *     none
 */
public record RecordStamp(
    Map<String, AttributeValue> keys, String sequenceNumber, Instant created) {

  static RecordStamp of(Record r) {
    return new RecordStamp(
        r.dynamodb().keys(),
        r.dynamodb().sequenceNumber(),
        r.dynamodb().approximateCreationDateTime());
  }
}
