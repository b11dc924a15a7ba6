package io.nimo.core.dynamo;

import io.nimo.core.item.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link DynamoClient} over the AWS SDK v2 synchronous client. Strong reads are asked for as the
 * endpoint's {@link ReadConsistency} says; an endpoint that refuses them is not asked again and the
 * read is made once more without the flag. A missing table is a {@link TableNotFoundException}
 * whether the endpoint calls it {@code ResourceNotFoundException} or {@code TableNotFound}.
 */
public final class SdkDynamoApi implements DynamoClient {
  private final DynamoDbClient client;
  private final ReadConsistency consistency;

  /**
   * Wraps (and owns) an SDK client of an endpoint that honours per-request strong reads.
   *
   * @param client the SDK client
   */
  public SdkDynamoApi(DynamoDbClient client) {
    this(client, ReadConsistency.honoured());
  }

  /**
   * Wraps (and owns) an SDK client.
   *
   * @param client the SDK client
   * @param consistency what the endpoint makes of per-request strong reads
   */
  public SdkDynamoApi(DynamoDbClient client, ReadConsistency consistency) {
    this.client = client;
    this.consistency = consistency;
  }

  /** What this endpoint makes of per-request strong reads. */
  public ReadConsistency consistency() {
    return consistency;
  }

  /** Runs a read with the strong-read flag if the endpoint takes it, without it if refused. */
  private <T> T read(String table, java.util.function.Function<Boolean, T> call) {
    boolean ask = consistency.ask();
    try {
      return notFound(table, () -> call.apply(ask));
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      if (!ask || !DynamoErrorClassifier.refusesStrongReads(e)) {
        throw e;
      }
      consistency.refused(e);
      return notFound(table, () -> call.apply(false));
    }
  }

  private static <T> T notFound(String table, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      if (DynamoErrorClassifier.isTableNotFound(e)) {
        throw new TableNotFoundException(table, e);
      }
      throw e;
    }
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
  public TableInfo describeTable(String table) {
    return notFound(
        table, () -> SdkSchemas.info(client.describeTable(b -> b.tableName(table)).table()));
  }

  @Override
  public Optional<String> timeToLive(String table) {
    TimeToLiveDescription t =
        notFound(
            table,
            () -> client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription());
    boolean on =
        t != null
            && (t.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                || t.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
    return on ? Optional.ofNullable(t.attributeName()) : Optional.empty();
  }

  @Override
  public void createTable(TableSchema schema) {
    client.createTable(SdkSchemas.createRequest(schema));
  }

  @Override
  public void updateTable(String table, TableChange change) {
    if (change instanceof TableChange.EnableStream s) {
      client.updateTable(
          b ->
              b.tableName(table)
                  .streamSpecification(
                      spec -> spec.streamEnabled(true).streamViewType(s.view().name())));
    } else if (change instanceof TableChange.EnableTtl t) {
      client.updateTimeToLive(
          b ->
              b.tableName(table)
                  .timeToLiveSpecification(
                      spec -> spec.enabled(true).attributeName(t.attribute())));
    } else {
      throw new IllegalArgumentException("unknown table change " + change);
    }
  }

  @Override
  public void deleteTable(String table) {
    notFound(table, () -> client.deleteTable(b -> b.tableName(table)));
  }

  @Override
  public ScanResult scan(ScanCall call) {
    ScanRequest.Builder b = ScanRequest.builder().tableName(call.table());
    if (call.limit() > 0) {
      b.limit(call.limit());
    }
    if (call.totalSegments() > 1) {
      b.segment(call.segment()).totalSegments(call.totalSegments());
    }
    if (call.startKey() != null) {
      b.exclusiveStartKey(call.startKey());
    }
    boolean strong = call.consistentRead();
    if (call.countOnly()) {
      b.select(Select.COUNT);
    }
    if (!call.filterExpression().isBlank()) {
      b.filterExpression(call.filterExpression());
      if (!call.filterValues().isEmpty()) {
        b.expressionAttributeValues(call.filterValues());
      }
    }
    ScanResponse r =
        strong
            ? read(call.table(), ask -> client.scan(b.consistentRead(ask ? true : null).build()))
            : notFound(call.table(), () -> client.scan(b.build()));
    Map<String, AttributeValue> last =
        r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    int scanned = r.scannedCount() != null ? r.scannedCount() : r.count() == null ? 0 : r.count();
    return new ScanResult(r.items(), last, scanned);
  }

  @Override
  public List<ItemWrite> batchWrite(String table, List<ItemWrite> writes) {
    List<WriteRequest> requests = new ArrayList<>(writes.size());
    for (ItemWrite w : writes) {
      requests.add(
          w instanceof ItemWrite.Put
              ? WriteRequest.builder().putRequest(b -> b.item(w.attributes())).build()
              : WriteRequest.builder().deleteRequest(b -> b.key(w.attributes())).build());
    }
    BatchWriteItemResponse r =
        notFound(table, () -> client.batchWriteItem(b -> b.requestItems(Map.of(table, requests))));
    List<WriteRequest> left =
        r.hasUnprocessedItems() ? r.unprocessedItems().getOrDefault(table, List.of()) : List.of();
    List<ItemWrite> unprocessed = new ArrayList<>(left.size());
    for (WriteRequest w : left) {
      unprocessed.add(
          w.putRequest() != null
              ? new ItemWrite.Put(w.putRequest().item())
              : new ItemWrite.Delete(w.deleteRequest().key()));
    }
    return unprocessed;
  }

  @Override
  public void putItem(String table, Map<String, AttributeValue> item) {
    notFound(table, () -> client.putItem(b -> b.tableName(table).item(item)));
  }

  @Override
  public void deleteItem(String table, Map<String, AttributeValue> key) {
    notFound(table, () -> client.deleteItem(b -> b.tableName(table).key(key)));
  }

  @Override
  public Map<String, AttributeValue> getItem(String table, Map<String, AttributeValue> key) {
    return read(
            table,
            ask ->
                client.getItem(b -> b.tableName(table).key(key).consistentRead(ask ? true : null)))
        .item();
  }

  @Override
  public BatchGetResult batchGet(
      String table, List<Map<String, AttributeValue>> keys, List<String> attributes) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String a : attributes) {
      names.put("#a" + names.size(), a);
    }
    BatchGetItemResponse r =
        read(
            table,
            ask -> {
              KeysAndAttributes.Builder request =
                  KeysAndAttributes.builder().keys(keys).consistentRead(ask ? true : null);
              if (!names.isEmpty()) {
                request
                    .projectionExpression(String.join(", ", names.keySet()))
                    .expressionAttributeNames(names);
              }
              KeysAndAttributes wanted = request.build();
              return client.batchGetItem(b -> b.requestItems(Map.of(table, wanted)));
            });
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
