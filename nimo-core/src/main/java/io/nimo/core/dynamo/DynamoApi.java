package io.nimo.core.dynamo;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item calls nimo makes on any DynamoDB-compatible endpoint (AWS, PolarDB-DDB, the Alibaba
 * proxy, DynamoDB Local): the seam for retries, metrics and test fakes. Tables themselves are
 * {@link DynamoTables}. Only nimo's own types and the item model ({@code AttributeValue} maps)
 * cross it. Implementations are thread-safe and do not retry beyond the SDK's own few attempts;
 * callers wrap calls in a {@link io.nimo.core.retry.Retrier}.
 */
public interface DynamoApi extends AutoCloseable {

  /**
   * One Scan call.
   *
   * @param call the table, segment and start key
   * @return the page
   */
  ScanResult scan(ScanCall call);

  /**
   * One BatchWriteItem call for one table (at most 25 writes, each key once).
   *
   * @param writes the puts and deletes
   * @return the writes the server left unprocessed (empty when all were written)
   */
  List<ItemWrite> batchWrite(String table, List<ItemWrite> writes);

  /**
   * Strongly consistent reads of up to 100 keys of one table in one BatchGetItem call, returning
   * only {@code attributes} of each item found. Keys the server leaves unprocessed come back for
   * the caller to send again ({@link BatchItemReader} does); keys with no item are absent from the
   * result's items.
   *
   * @param keys 1 to 100 primary keys, each once
   * @param attributes the attribute names to return; empty = whole items
   * @return the items found and the unprocessed keys
   */
  BatchGetResult batchGet(
      String table, List<Map<String, AttributeValue>> keys, List<String> attributes);

  /**
   * A strongly consistent read of one item.
   *
   * @param key the item's primary key
   * @return the item, or an empty map if there is none
   */
  Map<String, AttributeValue> getItem(String table, Map<String, AttributeValue> key);

  /** Writes one item, replacing any item with its key. */
  void putItem(String table, Map<String, AttributeValue> item);

  /**
   * Deletes one item by key (no error when there is none).
   *
   * @param key the item's primary key
   */
  void deleteItem(String table, Map<String, AttributeValue> key);

  @Override
  void close();
}
