package io.nimo.core.dynamo;

import java.util.List;

/**
 * One GetRecords response.
 *
 * @param records the records, in shard order
 * @param nextIterator where to continue, or {@code null} when the shard is closed and fully read
 */
public record RecordsPage(List<ShardRecord> records, String nextIterator) {
  /** Copies the records. */
  public RecordsPage {
    records = List.copyOf(records);
  }
}
