package io.nimo.flink.scan;

import io.nimo.core.source.ScanPage;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a {@link ScanSplitReader} gets a split's next page: a Scan call, or the next page of an
 * export's data file.
 */
@FunctionalInterface
interface SplitPages {
  /**
   * The split's page after {@code after}; its {@code lastEvaluatedKey} is {@code null} at the end.
   *
   * @param after the position of the page emitted last, or {@code null} from the split's position
   * @throws InterruptedException if interrupted
   */
  ScanPage next(ScanSplit split, Map<String, AttributeValue> after) throws InterruptedException;
}
