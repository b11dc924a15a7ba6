package io.nimo.core.dynamo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** {@link DynamoApi} over the AWS SDK v2 synchronous client. */
public final class SdkDynamoApi implements DynamoApi {
  private final DynamoDbClient client;

  /**
   * Wraps (and owns) an SDK client.
   *
   * @param client the SDK client
   */
  public SdkDynamoApi(DynamoDbClient client) {
    this.client = client;
  }

  @Override
  public List<String> listTables() {
    List<String> names = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      ListTablesResponse r = client.listTables(b -> b.exclusiveStartTableName(from).limit(100));
      names.addAll(r.tableNames());
      start = r.lastEvaluatedTableName();
    } while (start != null);
    return names;
  }

  @Override
  public TableDescription describeTable(String table) {
    return client.describeTable(b -> b.tableName(table)).table();
  }

  @Override
  public TimeToLiveDescription describeTimeToLive(String table) {
    return client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
  }

  @Override
  public void enableTimeToLive(String table, String attribute) {
    client.updateTimeToLive(
        b ->
            b.tableName(table)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName(attribute)));
  }

  @Override
  public TableDescription createTable(CreateTableRequest request) {
    return client.createTable(request).tableDescription();
  }

  @Override
  public void enableStream(String table, StreamViewType viewType) {
    client.updateTable(
        b ->
            b.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)));
  }

  @Override
  public void deleteTable(String table) {
    client.deleteTable(b -> b.tableName(table));
  }

  @Override
  public ScanResponse scan(ScanRequest request) {
    return client.scan(request);
  }

  @Override
  public List<WriteRequest> batchWrite(String table, List<WriteRequest> requests) {
    return DynamoApi.unprocessed(
        client.batchWriteItem(b -> b.requestItems(Map.of(table, requests))), table);
  }

  @Override
  public void putItem(String table, Map<String, AttributeValue> item) {
    client.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public void deleteItem(String table, Map<String, AttributeValue> key) {
    client.deleteItem(b -> b.tableName(table).key(key));
  }

  @Override
  public Map<String, AttributeValue> getItem(String table, Map<String, AttributeValue> key) {
    return client.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
  }

  @Override
  public BatchGetResult batchGet(
      String table, List<Map<String, AttributeValue>> keys, List<String> attributes) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String a : attributes) {
      names.put("#a" + names.size(), a);
    }
    KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(keys).consistentRead(true);
    if (!names.isEmpty()) {
      request
          .projectionExpression(String.join(", ", names.keySet()))
          .expressionAttributeNames(names);
    }
    KeysAndAttributes wanted = request.build();
    BatchGetItemResponse r = client.batchGetItem(b -> b.requestItems(Map.of(table, wanted)));
    List<Map<String, AttributeValue>> items =
        r.hasResponses() ? r.responses().getOrDefault(table, List.of()) : List.of();
    KeysAndAttributes left = r.hasUnprocessedKeys() ? r.unprocessedKeys().get(table) : null;
    return new BatchGetResult(items, left == null ? List.of() : left.keys());
  }

  @Override
  public void close() {
    client.close();
  }
}
