package io.nimo.core.source.export;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One record of an export's data file. */
public sealed interface ExportRecord {

  /**
   * An item of a full export ({@code {"Item":{...}}}).
   *
   * @param item the item
   */
  record Image(Map<String, AttributeValue> item) implements ExportRecord {}

  /**
   * A key's net change in an incremental export's window: {@code newImage} null for a delete.
   *
   * @param keys the key attributes
   * @param oldImage the item at the window's start, or {@code null} (it did not exist)
   * @param newImage the item at the window's end, or {@code null} (deleted)
   * @param writeMicros the last write's time, microseconds since the epoch (0 if absent)
   */
  record Change(
      Map<String, AttributeValue> keys,
      Map<String, AttributeValue> oldImage,
      Map<String, AttributeValue> newImage,
      long writeMicros)
      implements ExportRecord {}
}
