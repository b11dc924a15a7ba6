package io.nimo.backsync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.backsync.source.ChangeRecord;
import io.nimo.core.testkit.ManualClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The writer against a scripted store at our own seam: throttling, unprocessed items, refusals. */
class DynamoApplyWriterTest {
  /** Answers each call with the next scripted behaviour; records every request. */
  static final class ScriptedStore implements ItemStore {
    final List<Map<String, List<WriteRequest>>> calls = new ArrayList<>();
    final Deque<Function<Map<String, List<WriteRequest>>, Map<String, List<WriteRequest>>>> script =
        new ArrayDeque<>();

    @Override
    public Map<String, List<WriteRequest>> batchWrite(Map<String, List<WriteRequest>> r) {
      calls.add(r);
      return script.isEmpty() ? Map.of() : script.poll().apply(r);
    }

    @Override
    public void close() {}
  }

  final ManualClock clock = new ManualClock();
  final ScriptedStore store = new ScriptedStore();

  DynamoApplyWriter writer(long budget) {
    ApplyRetrier retrier =
        new ApplyRetrier(budget, clock, ms -> clock.advance(java.time.Duration.ofMillis(ms)));
    return new DynamoApplyWriter(
        store,
        retrier,
        new ApplyProgress(60_000, 0, 0),
        clock,
        100,
        50,
        java.util.concurrent.Executors.newFixedThreadPool(4));
  }

  static ChangeRecord put(String pk, int v) {
    return new ChangeRecord(
        "t",
        ChangeRecord.UPSERT,
        "{\"pk\":{\"S\":\"" + pk + "\"}}",
        "{\"pk\":{\"S\":\"" + pk + "\"},\"v\":{\"N\":\"" + v + "\"}}",
        1,
        0);
  }

  static RuntimeException throttled() {
    return ProvisionedThroughputExceededException.builder()
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
        .statusCode(400)
        .message("slow down")
        .build();
  }

  static RuntimeException invalid() {
    return DynamoDbException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build())
        .statusCode(400)
        .message("Item size has exceeded the maximum allowed size")
        .build();
  }

  @Test
  void keepsOnlyTheLastChangeOfAKeyAndWritesOnFlush() throws Exception {
    DynamoApplyWriter w = writer(10_000);
    w.write(put("a", 1), null);
    w.write(put("b", 1), null);
    w.write(put("a", 2), null);
    assertThat(store.calls).isEmpty();
    w.flush(false);
    assertThat(store.calls).hasSize(1);
    List<WriteRequest> sent = store.calls.get(0).get("t");
    assertThat(sent).extracting(r -> r.putRequest().item().get("pk").s()).containsExactly("b", "a");
    assertThat(sent.get(1).putRequest().item().get("v").n()).isEqualTo("2");
    assertThat(w.applied()).isEqualTo(2);
  }

  @Test
  void retriesThrottlingWithinTheBudget() throws Exception {
    store.script.add(
        r -> {
          throw throttled();
        });
    store.script.add(
        r -> {
          throw throttled();
        });
    DynamoApplyWriter w = writer(10_000);
    w.write(put("a", 1), null);
    w.flush(false);
    assertThat(store.calls).hasSize(3);
    assertThat(w.applied()).isEqualTo(1);
  }

  @Test
  void resendsOnlyWhatDynamoDbLeftUnprocessed() throws Exception {
    store.script.add(
        r -> {
          Map<String, List<WriteRequest>> left = new LinkedHashMap<>();
          left.put("t", r.get("t").subList(1, 2));
          return left;
        });
    DynamoApplyWriter w = writer(10_000);
    w.write(put("a", 1), null);
    w.write(put("b", 1), null);
    w.flush(false);
    assertThat(store.calls).hasSize(2);
    assertThat(store.calls.get(1).get("t"))
        .extracting(r -> r.putRequest().item().get("pk").s())
        .containsExactly("b");
  }

  @Test
  void failsNamingTheKeyWhenThrottlingOutlastsTheBudget() throws Exception {
    for (int i = 0; i < 1000; i++) {
      store.script.add(
          r -> {
            throw throttled();
          });
    }
    DynamoApplyWriter w = writer(2_000);
    w.write(put("a", 1), null);
    assertThatThrownBy(() -> w.flush(false))
        .isInstanceOf(ChangeApplyException.class)
        .hasMessageContaining("{\"pk\":{\"S\":\"a\"}}");
  }

  @Test
  void failsNamingTheKeyWhenUnprocessedItemsOutlastTheBudget() throws Exception {
    for (int i = 0; i < 1000; i++) {
      store.script.add(r -> r);
    }
    DynamoApplyWriter w = writer(2_000);
    w.write(put("a", 1), null);
    assertThatThrownBy(() -> w.flush(false))
        .isInstanceOf(ChangeApplyException.class)
        .hasMessageContaining("unprocessed");
  }

  @Test
  void narrowsARefusedBatchToTheOneKeyDynamoDbRefuses() throws Exception {
    DynamoApplyWriter w = writer(10_000);
    ItemStore refusing =
        new ItemStore() {
          @Override
          public Map<String, List<WriteRequest>> batchWrite(Map<String, List<WriteRequest>> r) {
            store.calls.add(r);
            boolean bad =
                r.get("t").stream()
                    .anyMatch(x -> x.putRequest().item().get("pk").s().equals("bad"));
            if (bad) {
              throw invalid();
            }
            return Map.of();
          }

          @Override
          public void close() {}
        };
    DynamoApplyWriter narrowing =
        new DynamoApplyWriter(
            refusing,
            new ApplyRetrier(10_000, clock, ms -> clock.advance(java.time.Duration.ofMillis(ms))),
            new ApplyProgress(60_000, 0, 0),
            clock,
            100,
            50,
            java.util.concurrent.Executors.newFixedThreadPool(4));
    narrowing.write(put("ok1", 1), null);
    narrowing.write(put("bad", 1), null);
    narrowing.write(put("ok2", 1), null);
    assertThatThrownBy(() -> narrowing.flush(false))
        .isInstanceOf(ChangeApplyException.class)
        .hasMessageContaining("{\"pk\":{\"S\":\"bad\"}}")
        .hasMessageContaining("maximum allowed size");
    assertThat(w.applied()).isZero();
  }

  @Test
  void refusesAnItemWhoseKeyDisagreesWithTheRow() throws Exception {
    DynamoApplyWriter w = writer(10_000);
    ChangeRecord r = put("a", 1);
    r.itemJson = "{\"pk\":{\"S\":\"other\"}}";
    w.write(r, null);
    assertThatThrownBy(() -> w.flush(false))
        .isInstanceOf(ChangeApplyException.class)
        .hasMessageContaining("key attribute pk");
    assertThat(store.calls).isEmpty();
  }

  @Test
  void deletesByTheRowKey() throws Exception {
    DynamoApplyWriter w = writer(10_000);
    w.write(new ChangeRecord("t", ChangeRecord.DELETE, "{\"pk\":{\"S\":\"a\"}}", null, 1, 0), null);
    w.flush(false);
    assertThat(store.calls.get(0).get("t").get(0).deleteRequest().key().get("pk").s())
        .isEqualTo("a");
  }
}
