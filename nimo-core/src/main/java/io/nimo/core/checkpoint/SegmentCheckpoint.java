package io.nimo.core.checkpoint;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Durable progress of one Scan segment: every item before {@code lastKey} is on the target.
 *
 * @param segment segment number
 * @param lastKey the LastEvaluatedKey up to which all items are written; {@code null} = from the
 *     start
 * @param itemsWritten items of this segment written so far
 * @param done whether the whole segment is written
 */
public record SegmentCheckpoint(
    int segment, Map<String, AttributeValue> lastKey, long itemsWritten, boolean done) {
  /**
   * Validates the segment number.
   *
   * @param segment the segment number
   * @param lastKey the LastEvaluatedKey to resume after, or {@code null}
   * @param itemsWritten items written so far
   * @param done whether it is finished
   */
  public SegmentCheckpoint {
    lastKey = lastKey == null ? null : Map.copyOf(lastKey);
  }

  /**
   * A segment that has not started.
   *
   * @param segment the segment number
   */
  public static SegmentCheckpoint start(int segment) {
    return new SegmentCheckpoint(segment, null, 0, false);
  }
}
