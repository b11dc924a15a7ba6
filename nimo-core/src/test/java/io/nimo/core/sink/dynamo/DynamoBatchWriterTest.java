package io.nimo.core.sink.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.dynamo.ItemWrite;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryPolicy;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.testkit.FaultyDynamoApi;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.UnsupportedDynamoApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * BatchWriteItem's rules at nimo's own seam, with a hand-written in-memory endpoint: one write per
 * key and at most 25 per call, UnprocessedItems re-driven, a batch refused as a whole narrowed to
 * the item that is refused.
 */
class DynamoBatchWriterTest {
  private static final KeySchema KEYS = new KeySchema("id", null);

  /** An endpoint that stores items in a map and can leave writes unprocessed or refuse items. */
  static final class MemoryEndpoint extends UnsupportedDynamoApi {
    final Map<ItemKey, Map<String, AttributeValue>> items = new ConcurrentHashMap<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger partialCalls = new AtomicInteger();
    volatile String refusedId;
    volatile int refusedStatus = 400;
    final AtomicInteger throttledCalls = new AtomicInteger();

    @Override
    public List<ItemWrite> batchWrite(String table, List<ItemWrite> writes) {
      batchSizes.add(writes.size());
      if (writes.stream().map(w -> KEYS.keyOf(w.attributes())).distinct().count()
          != writes.size()) {
        throw refusal("Provided list of item keys contains duplicates");
      }
      if (writes.size() > 25) {
        throw refusal("Too many items requested for the BatchWriteItem call");
      }
      if (throttledCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw error(400, "ProvisionedThroughputExceededException", "slow down");
      }
      if (refusedId != null
          && writes.stream().anyMatch(w -> w.attributes().get("id").s().equals(refusedId))) {
        throw refusedStatus == 400
            ? refusal("One or more parameter values were invalid")
            : error(refusedStatus, "InternalServerError", "the batch failed (atomic)");
      }
      int keep = partialCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? writes.size() / 2 : 0;
      List<ItemWrite> left = new ArrayList<>(writes.subList(writes.size() - keep, writes.size()));
      writes.subList(0, writes.size() - keep).forEach(this::store);
      return left;
    }

    private void store(ItemWrite w) {
      ItemKey key = KEYS.keyOf(w.attributes());
      if (w instanceof ItemWrite.Put) {
        items.put(key, w.attributes());
      } else {
        items.remove(key);
      }
    }

    @Override
    public void putItem(String table, Map<String, AttributeValue> item) {
      if (item.get("id").s().equals(refusedId)) {
        throw refusal("Item refused");
      }
      store(new ItemWrite.Put(item));
    }

    @Override
    public void deleteItem(String table, Map<String, AttributeValue> key) {
      store(new ItemWrite.Delete(key));
    }

    private static RuntimeException refusal(String message) {
      return FaultyDynamoApi.validation(message);
    }

    private static RuntimeException error(int status, String code, String message) {
      return software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
          .statusCode(status)
          .awsErrorDetails(
              software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                  .errorCode(code)
                  .errorMessage(message)
                  .build())
          .message(message)
          .build();
    }
  }

  private final ManualClock time = new ManualClock();
  private final ExecutorService chunks = Executors.newFixedThreadPool(4);
  private final MemoryEndpoint endpoint = new MemoryEndpoint();
  private final DynamoBatchWriter writer =
      new DynamoBatchWriter(
          endpoint,
          new Retrier(
              new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMinutes(1)),
              new DynamoErrorClassifier(),
              time,
              time),
          "orders",
          KEYS,
          chunks);

  @AfterEach
  void stop() {
    chunks.shutdownNow();
  }

  private static Map<String, AttributeValue> item(String id, int v) {
    return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromN(String.valueOf(v)));
  }

  private static ChangeEvent put(String id, int v) {
    return new ChangeEvent(
        ChangeEvent.Kind.MODIFY, KEYS.keyOf(item(id, v)), item(id, v), "1", false);
  }

  private static ChangeEvent delete(String id) {
    return new ChangeEvent(ChangeEvent.Kind.REMOVE, KEYS.keyOf(item(id, 0)), null, "1", false);
  }

  @Test
  void appliesTheLastChangeOfEachKeyInCallsOfAtMost25() {
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      events.add(put("k" + i, 1));
    }
    for (int i = 0; i < 60; i++) {
      events.add(i % 3 == 0 ? delete("k" + i) : put("k" + i, 2));
    }
    WriteResult r = writer.apply(events);
    assertThat(r.written()).isEqualTo(60);
    assertThat(r.deduplicated()).isEqualTo(60);
    assertThat(endpoint.batchSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(25));
    assertThat(endpoint.items).hasSize(40);
    assertThat(endpoint.items.values()).allSatisfy(i -> assertThat(i.get("v").n()).isEqualTo("2"));
  }

  @Test
  void reDrivesUnprocessedItemsUntilEveryOneIsWritten() {
    endpoint.partialCalls.set(3);
    List<Map<String, AttributeValue>> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(item("k" + i, i));
    }
    WriteResult r = writer.write(batch);
    assertThat(endpoint.items).hasSize(20);
    assertThat(r.written()).isEqualTo(20);
    assertThat(r.retried()).isPositive();
    assertThat(time.sleeps).isNotEmpty();
  }

  @Test
  void aBatchRefusedAsAWholeIsNarrowedToTheRefusedItemWhichIsNamed() {
    endpoint.refusedId = "k7";
    List<Map<String, AttributeValue>> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(item("k" + i, i));
    }
    assertThatThrownBy(() -> writer.write(batch))
        .isInstanceOf(ItemWriteException.class)
        .hasMessageContaining("orders")
        .hasMessageContaining("k7");
    assertThat(endpoint.items.keySet().stream().map(k -> k.values().get("id").s()))
        .contains("k0", "k6")
        .doesNotContain("k7");
  }

  @Test
  void aBatchRefusedWithA5xxBecauseOfOneItemIsSplitAtOnceAndTheItemNamed() {
    endpoint.refusedId = "k3";
    endpoint.refusedStatus = 500;
    List<Map<String, AttributeValue>> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(item("k" + i, i));
    }
    assertThatThrownBy(() -> writer.write(batch))
        .isInstanceOf(ItemWriteException.class)
        .hasMessageContaining("k3");
    assertThat(endpoint.batchSizes).as("the batch is not retried as a whole").containsExactly(10);
    assertThat(endpoint.items.keySet().stream().map(k -> k.values().get("id").s()))
        .contains("k0", "k2")
        .doesNotContain("k3");
  }

  @Test
  void aThrottledBatchIsRetriedAsAWholeNotSplit() {
    endpoint.throttledCalls.set(2);
    List<Map<String, AttributeValue>> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(item("k" + i, i));
    }
    assertThat(writer.write(batch).written()).isEqualTo(10);
    assertThat(endpoint.batchSizes).containsExactly(10, 10, 10);
    assertThat(endpoint.items).hasSize(10);
  }
}
