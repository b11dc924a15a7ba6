package io.nimo.core.check;

import io.nimo.core.dynamo.BatchItemReader;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which of the keys a check found on the target are missing on the source: BatchGetItem of up to
 * {@value #MAX_KEYS} keys per call (strongly consistent, only the key attributes returned), instead
 * of one GetItem per key. {@code UnprocessedKeys} are sent again with capped backoff within the
 * retry budget; past it the check stops naming the table and the first key left. Keys are compared
 * by value, so a number the target gives back as {@code 1.50} matches the source's {@code 1.5}.
 */
final class SourceKeyReader {
  /** BatchGetItem's limit. */
  static final int MAX_KEYS = 100;

  private final DynamoApi source;
  private final Retrier retrier;

  SourceKeyReader(DynamoApi source, Retrier retrier) {
    this.source = source;
    this.retrier = retrier;
  }

  /**
   * The keys of {@code wanted} that have no item on the source.
   *
   * @param table the source table
   * @param keys its key schema
   * @param wanted the keys to look up, each once
   * @return those the source does not have, in {@code wanted}'s order
   */
  List<ItemKey> absent(String table, KeySchema keys, List<ItemKey> wanted) {
    Map<ItemKey, Map<String, AttributeValue>> found =
        new BatchItemReader(source, retrier).read(table, wanted, attributes(keys));
    List<ItemKey> absent = new ArrayList<>();
    for (ItemKey k : wanted) {
      if (!found.containsKey(k)) {
        absent.add(k);
      }
    }
    return absent;
  }

  /**
   * The source's whole items for {@code wanted}, strongly consistent.
   *
   * @param table the source table
   * @param wanted the keys to read, each once
   * @return each wanted key to its item, absent when the source has none
   */
  Map<ItemKey, Map<String, AttributeValue>> items(String table, List<ItemKey> wanted) {
    return new BatchItemReader(source, retrier).read(table, wanted);
  }

  private static List<String> attributes(KeySchema keys) {
    return keys.rangeKey() == null
        ? List.of(keys.hashKey())
        : List.of(keys.hashKey(), keys.rangeKey());
  }
}
