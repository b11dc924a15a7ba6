package io.nimo.core.dynamo;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of a stream shard, in nimo's terms.
 *
 * @param sequenceNumber its sequence number in the shard
 * @param created the approximate time of the change, or {@code null} if the endpoint gives none
 * @param op what happened to the item
 * @param keys the changed item's key attributes
 * @param newImage the item after an INSERT or MODIFY (with a NEW_IMAGE or NEW_AND_OLD_IMAGES view),
 *     else {@code null}
 * @param byTtl whether DynamoDB itself removed the item because its TTL expired
 */
public record ShardRecord(
    String sequenceNumber,
    Instant created,
    Op op,
    Map<String, AttributeValue> keys,
    Map<String, AttributeValue> newImage,
    boolean byTtl) {

  /** A stream event. */
  public enum Op {
    /** A new item. */
    INSERT,
    /** A changed item. */
    MODIFY,
    /** A deleted item. */
    REMOVE
  }

  /** Requires the sequence number, the operation and the keys. */
  public ShardRecord {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(keys, "keys");
  }

  /** The creation time in epoch milliseconds, or 0 when unknown. */
  public long createdMillis() {
    return created == null ? 0 : created.toEpochMilli();
  }
}
