package io.nimo.core.source.stream;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * One GetRecords response.
 *
 * @param records the records, in shard order
 * @param nextIterator where to continue, or {@code null} when the shard is closed and fully read
 */
public record RecordsPage(List<Record> records, String nextIterator) {}
