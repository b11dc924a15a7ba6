package io.nimo.core.dynamo;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB API calls nimo makes, on any DynamoDB-compatible endpoint (AWS, PolarDB-DDB, the
 * Alibaba proxy, DynamoDB Local). It is the seam for retries, metrics and test fakes: nothing else
 * talks to the SDK client. Implementations are thread-safe and do not retry beyond the SDK's own
 * few attempts; callers wrap calls in a {@link io.nimo.core.retry.Retrier}.
 */
public interface DynamoApi extends AutoCloseable {

  /**
   * All table names (every page).
   *
   * @return all table names (every page)
   */
  List<String> listTables();

  /**
   * The table's description; {@link
   * software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException} if absent.
   *
   * @param table the table name
   * @return the table's description
   */
  TableDescription describeTable(String table);

  /**
   * The table's TTL setting.
   *
   * @param table the table name
   * @return the table's TTL setting
   */
  TimeToLiveDescription describeTimeToLive(String table);

  /**
   * Enables TTL on {@code attribute}.
   *
   * @param table the table name
   * @param attribute the TTL attribute
   */
  void enableTimeToLive(String table, String attribute);

  /**
   * Creates a table; returns its description (possibly still CREATING).
   *
   * @param request the request
   * @return the new table's description (possibly still CREATING)
   */
  TableDescription createTable(CreateTableRequest request);

  /**
   * Turns on the table's stream with the given view type.
   *
   * @param table the table name
   * @param viewType the stream view type
   */
  void enableStream(String table, StreamViewType viewType);

  /**
   * Deletes a table.
   *
   * @param table the table name
   */
  void deleteTable(String table);

  /**
   * One Scan call.
   *
   * @param request the request
   * @return the Scan response
   */
  ScanResponse scan(ScanRequest request);

  /**
   * One BatchWriteItem call for one table; returns the unprocessed requests for that table.
   *
   * @param table the table name
   * @param requests the write requests
   * @return the requests the server left unprocessed (empty when all were written)
   */
  List<WriteRequest> batchWrite(String table, List<WriteRequest> requests);

  /**
   * Writes one item.
   *
   * @param table the table name
   * @param item the item
   */
  void putItem(String table, Map<String, AttributeValue> item);

  /**
   * Deletes one item by key.
   *
   * @param table the table name
   * @param key the item's primary key
   */
  void deleteItem(String table, Map<String, AttributeValue> key);

  /**
   * A strongly consistent read; an empty map when the item does not exist.
   *
   * @param table the table name
   * @param key the item's primary key
   * @return the item, or an empty map if there is none
   */
  Map<String, AttributeValue> getItem(String table, Map<String, AttributeValue> key);

  /**
   * Strongly consistent reads of up to 100 keys of one table in one BatchGetItem call, returning
   * only {@code attributes} of each item found. Keys the server leaves unprocessed come back for
   * the caller to send again; keys with no item are simply absent from {@code items}. The default
   * (for implementations written before this method) makes one {@link #getItem} per key and returns
   * whole items.
   *
   * @param table the table name
   * @param keys 1 to 100 primary keys, each once
   * @param attributes the attribute names to return (e.g. just the key attributes); empty = whole
   *     items
   * @return the items found and the unprocessed keys
   */
  default BatchGetResult batchGet(
      String table, List<Map<String, AttributeValue>> keys, List<String> attributes) {
    List<Map<String, AttributeValue>> found = new java.util.ArrayList<>();
    for (Map<String, AttributeValue> key : keys) {
      Map<String, AttributeValue> item = getItem(table, key);
      if (item != null && !item.isEmpty()) {
        found.add(item);
      }
    }
    return new BatchGetResult(found, List.of());
  }

  @Override
  void close();

  /**
   * Convenience for adapters: the raw unprocessed map of a response, for one table.
   *
   * @param r the response
   * @param table the table name
   * @return the unprocessed requests of the response for {@code table}
   */
  static List<WriteRequest> unprocessed(BatchWriteItemResponse r, String table) {
    return r.hasUnprocessedItems()
        ? r.unprocessedItems().getOrDefault(table, List.of())
        : List.of();
  }
}
