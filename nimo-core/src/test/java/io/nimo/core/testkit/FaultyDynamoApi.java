package io.nimo.core.testkit;

import io.nimo.core.dynamo.BatchGetResult;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.ItemWrite;
import io.nimo.core.dynamo.ScanCall;
import io.nimo.core.dynamo.ScanResult;
import io.nimo.core.dynamo.TableChange;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.item.TableSchema;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * A {@link DynamoClient} in front of a real one that injects the failures real endpoints produce:
 * throttled Scans, partial batches ({@code UnprocessedItems}), atomic batch rejection of a poisoned
 * item, and a window of refused connections. Everything else reaches the real server.
 */
public final class FaultyDynamoApi implements DynamoClient {
  private final DynamoClient real;
  private final AtomicInteger scanThrottles = new AtomicInteger();
  private final AtomicInteger batchThrottles = new AtomicInteger();
  private final AtomicInteger partialBatches = new AtomicInteger();
  private final AtomicInteger partialGets = new AtomicInteger();
  private volatile Predicate<Map<String, AttributeValue>> rejected = i -> false;
  private volatile boolean onlyInBatches;
  private final AtomicLong refuseUntilNanos = new AtomicLong();
  public final AtomicInteger injected = new AtomicInteger();
  public final AtomicInteger batchCalls = new AtomicInteger();
  public final AtomicInteger putItemCalls = new AtomicInteger();
  public final AtomicInteger batchGetCalls = new AtomicInteger();

  public FaultyDynamoApi(DynamoClient real) {
    this.real = real;
  }

  /** The next {@code n} Scan calls fail with ProvisionedThroughputExceededException. */
  public FaultyDynamoApi throttleScans(int n) {
    scanThrottles.set(n);
    return this;
  }

  /** The next {@code n} BatchWriteItem calls fail with ThrottlingException. */
  public FaultyDynamoApi throttleBatches(int n) {
    batchThrottles.set(n);
    return this;
  }

  /**
   * The next {@code n} BatchWriteItem calls write only the first half and return the rest
   * unprocessed.
   */
  public FaultyDynamoApi partialBatches(int n) {
    partialBatches.set(n);
    return this;
  }

  /**
   * The next {@code n} BatchGetItem calls read only the first half of their keys (none of a single
   * key) and return the rest as {@code UnprocessedKeys}.
   */
  public FaultyDynamoApi partialGets(int n) {
    partialGets.set(n);
    return this;
  }

  /**
   * Items matching {@code p} are refused: a batch holding one is rejected whole, a PutItem of one
   * too.
   */
  public FaultyDynamoApi reject(Predicate<Map<String, AttributeValue>> p) {
    rejected = p;
    onlyInBatches = false;
    return this;
  }

  /** Batches holding an item matching {@code p} are rejected whole; the item alone is accepted. */
  public FaultyDynamoApi rejectBatchesContaining(Predicate<Map<String, AttributeValue>> p) {
    rejected = p;
    onlyInBatches = true;
    return this;
  }

  /** Every call fails with "connection refused" for the next {@code millis} milliseconds. */
  public FaultyDynamoApi refuseConnectionsFor(long millis) {
    refuseUntilNanos.set(System.nanoTime() + millis * 1_000_000);
    return this;
  }

  private void maybeRefuse() {
    if (System.nanoTime() < refuseUntilNanos.get()) {
      injected.incrementAndGet();
      throw SdkClientException.create(
          "Unable to execute HTTP request: Connection refused",
          new ConnectException("Connection refused"));
    }
  }

  private static boolean take(AtomicInteger budget) {
    return budget.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  @Override
  public ScanResult scan(ScanCall request) {
    maybeRefuse();
    if (take(scanThrottles)) {
      injected.incrementAndGet();
      throw (RuntimeException)
          ProvisionedThroughputExceededException.builder()
              .statusCode(400)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("ProvisionedThroughputExceededException")
                      .errorMessage("injected")
                      .build())
              .message("injected throttle")
              .build();
    }
    return real.scan(request);
  }

  @Override
  public List<ItemWrite> batchWrite(String table, List<ItemWrite> requests) {
    batchCalls.incrementAndGet();
    maybeRefuse();
    if (take(batchThrottles)) {
      injected.incrementAndGet();
      throw (RuntimeException)
          DynamoDbException.builder()
              .statusCode(400)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("ThrottlingException")
                      .errorMessage("injected")
                      .build())
              .message("injected throttle")
              .build();
    }
    if (requests.stream().anyMatch(r -> rejected.test(r.attributes()))) {
      injected.incrementAndGet();
      throw validation(
          "One or more parameter values were invalid (injected, whole batch rejected)");
    }
    if (requests.size() > 1 && take(partialBatches)) {
      injected.incrementAndGet();
      int half = requests.size() / 2;
      List<ItemWrite> unprocessed =
          new ArrayList<>(real.batchWrite(table, requests.subList(0, half)));
      unprocessed.addAll(requests.subList(half, requests.size()));
      return unprocessed;
    }
    return real.batchWrite(table, requests);
  }

  @Override
  public BatchGetResult batchGet(
      String table, List<Map<String, AttributeValue>> keys, List<String> attributes) {
    batchGetCalls.incrementAndGet();
    maybeRefuse();
    if (take(partialGets)) {
      injected.incrementAndGet();
      int half = keys.size() / 2;
      if (half == 0) {
        return new BatchGetResult(List.of(), keys);
      }
      BatchGetResult first = real.batchGet(table, keys.subList(0, half), attributes);
      List<Map<String, AttributeValue>> left = new ArrayList<>(first.unprocessedKeys());
      left.addAll(keys.subList(half, keys.size()));
      return new BatchGetResult(first.items(), left);
    }
    return real.batchGet(table, keys, attributes);
  }

  @Override
  public void putItem(String table, Map<String, AttributeValue> item) {
    putItemCalls.incrementAndGet();
    maybeRefuse();
    if (!onlyInBatches && rejected.test(item)) {
      throw validation("Item refused (injected)");
    }
    real.putItem(table, item);
  }

  /**
   * The ValidationException a DynamoDB endpoint answers a refused request with.
   *
   * @param message the server's message
   * @return the exception
   */
  public static RuntimeException validation(String message) {
    return DynamoDbException.builder()
        .statusCode(400)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode("ValidationException")
                .errorMessage(message)
                .build())
        .message(message)
        .build();
  }

  @Override
  public List<String> listTables() {
    maybeRefuse();
    return real.listTables();
  }

  @Override
  public TableInfo describeTable(String table) {
    maybeRefuse();
    return real.describeTable(table);
  }

  @Override
  public Optional<String> timeToLive(String table) {
    return real.timeToLive(table);
  }

  @Override
  public void createTable(TableSchema schema) {
    real.createTable(schema);
  }

  @Override
  public void updateTable(String table, TableChange change) {
    real.updateTable(table, change);
  }

  @Override
  public void deleteTable(String table) {
    real.deleteTable(table);
  }

  @Override
  public void deleteItem(String table, Map<String, AttributeValue> key) {
    maybeRefuse();
    real.deleteItem(table, key);
  }

  @Override
  public Map<String, AttributeValue> getItem(String table, Map<String, AttributeValue> key) {
    maybeRefuse();
    return real.getItem(table, key);
  }

  @Override
  public void close() {
    real.close();
  }
}
