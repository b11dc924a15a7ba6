package io.nimo.core.dynamo;

import static io.nimo.core.testkit.TestItems.n;
import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.ItemKey;
import io.nimo.core.retry.RetryBudgetExhaustedException;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading items by key in batches, with DynamoDB's {@code UnprocessedKeys} sent again. */
class BatchItemReaderTest {
  private final ManualClock clock = new ManualClock();

  /** A table held in memory, keyed by the canonical key value; can leave keys unprocessed. */
  private static final class Table extends UnsupportedDynamoApi {
    final Map<List<Object>, Map<String, AttributeValue>> items = new HashMap<>();
    final List<Integer> callSizes = new ArrayList<>();
    final List<List<String>> projections = new ArrayList<>();
    final List<String> keyNames;
    int unprocessedPerCall;
    int callsLeavingKeys = Integer.MAX_VALUE;

    Table(String... keyNames) {
      this.keyNames = List.of(keyNames);
    }

    void put(Map<String, AttributeValue> item) {
      items.put(BatchItemReader.byValue(item, keyNames), item);
    }

    @Override
    public BatchGetResult batchGet(
        String table, List<Map<String, AttributeValue>> keys, List<String> attributes) {
      assertThat(keys.size()).isLessThanOrEqualTo(BatchItemReader.MAX_KEYS);
      callSizes.add(keys.size());
      projections.add(attributes);
      int leave = callsLeavingKeys-- > 0 ? Math.min(unprocessedPerCall, keys.size()) : 0;
      List<Map<String, AttributeValue>> found = new ArrayList<>();
      for (Map<String, AttributeValue> k : keys.subList(leave, keys.size())) {
        Map<String, AttributeValue> item = items.get(BatchItemReader.byValue(k, keyNames));
        if (item != null) {
          found.add(
              attributes.isEmpty()
                  ? item
                  : item.entrySet().stream()
                      .filter(e -> attributes.contains(e.getKey()))
                      .collect(
                          java.util.stream.Collectors.toMap(
                              Map.Entry::getKey, Map.Entry::getValue)));
        }
      }
      return new BatchGetResult(found, List.copyOf(keys.subList(0, leave)));
    }

    @Override
    public void close() {}
  }

  private static ItemKey key(String id) {
    return new ItemKey(Map.of("id", s(id)));
  }

  @Test
  void manyKeysAreReadAHundredAtATimeAndAbsentOnesLeftOut() {
    Table t = new Table("id");
    List<ItemKey> wanted = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      wanted.add(key("k" + i));
      if (i % 2 == 0) {
        t.put(Map.of("id", s("k" + i), "v", n("" + i)));
      }
    }

    Map<ItemKey, Map<String, AttributeValue>> found =
        new BatchItemReader(t, TestRetriers.manual(clock)).read("orders", wanted);

    assertThat(t.callSizes).containsExactly(100, 100, 50);
    assertThat(found).hasSize(125).containsKey(key("k0")).doesNotContainKey(key("k1"));
    assertThat(found.get(key("k248"))).containsEntry("v", n("248"));
  }

  @Test
  void unprocessedKeysAreSentAgainUntilEveryKeyIsAnswered() {
    Table t = new Table("id");
    List<ItemKey> wanted = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      wanted.add(key("k" + i));
      t.put(Map.of("id", s("k" + i)));
    }
    t.unprocessedPerCall = 4;
    t.callsLeavingKeys = 2;

    Map<ItemKey, Map<String, AttributeValue>> found =
        new BatchItemReader(t, TestRetriers.manual(clock)).read("orders", wanted);

    assertThat(found).hasSize(10);
    assertThat(t.callSizes).containsExactly(10, 4, 4);
    assertThat(clock.sleeps).hasSize(2);
  }

  @Test
  void keysStillUnprocessedPastTheBudgetFailTheReadNamingTheFirstKeyLeft() {
    Table t = new Table("id");
    t.put(Map.of("id", s("stuck")));
    t.unprocessedPerCall = 1;

    assertThatThrownBy(
            () ->
                new BatchItemReader(t, TestRetriers.manual(clock))
                    .read("orders", List.of(key("stuck"))))
        .isInstanceOf(RetryBudgetExhaustedException.class)
        .hasMessageContaining("BatchGetItem orders")
        .hasMessageContaining("stuck");
  }

  @Test
  void numbersMatchByValueAndBinaryKeysByTheirBytes() {
    Table t = new Table("pk", "sk");
    SdkBytes blob = SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff, 7});
    t.put(Map.of("pk", n("1.5"), "sk", AttributeValue.fromB(blob), "v", s("found")));
    ItemKey wanted =
        new ItemKey(
            Map.of(
                "pk", n("1.50"),
                "sk",
                    AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff, 7}))));

    Map<ItemKey, Map<String, AttributeValue>> found =
        new BatchItemReader(t, TestRetriers.manual(clock)).read("t", List.of(wanted));

    assertThat(found).containsOnlyKeys(wanted);
    assertThat(found.get(wanted)).containsEntry("v", s("found"));
  }

  @Test
  void onlyTheAskedAttributesAreRequestedAndNoKeysMeansNoCall() {
    Table t = new Table("id");
    t.put(Map.of("id", s("a"), "big", s("x".repeat(1000))));
    BatchItemReader reader = new BatchItemReader(t, TestRetriers.manual(clock));

    Map<ItemKey, Map<String, AttributeValue>> keysOnly =
        reader.read("t", List.of(key("a")), List.of("id"));

    assertThat(keysOnly.get(key("a"))).containsOnlyKeys("id");
    assertThat(t.projections).containsExactly(List.of("id"));
    assertThat(reader.read("t", List.of())).isEmpty();
    assertThat(t.callSizes).hasSize(1);
  }
}
