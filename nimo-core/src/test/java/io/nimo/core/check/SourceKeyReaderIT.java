package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.RetryBudgetExhaustedException;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.FaultyDynamoApi;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.TestTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The check's lookup of target keys on the source, against DynamoDB Local. */
class SourceKeyReaderIT {
  private static final KeySchema KEYS = new KeySchema("id", null);
  private static DynamoLocal source;

  @BeforeAll
  static void seed() {
    source = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "nums", "id", ScalarAttributeType.N);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 230; i++) {
      items.add(Map.of("id", TestItems.n(i + ".5"), "v", TestItems.s("x")));
    }
    TestTables.put(source.client(), "nums", items);
  }

  @AfterAll
  static void stop() {
    source.close();
  }

  private static ItemKey key(String n) {
    return KEYS.keyOf(Map.of("id", TestItems.n(n)));
  }

  @Test
  void findsTheKeysMissingOnTheSourceThroughUnprocessedKeysAndNumbersWrittenOtherwise() {
    FaultyDynamoApi api = new FaultyDynamoApi(source.api()).partialGets(3);
    List<ItemKey> wanted = new ArrayList<>();
    List<ItemKey> extra = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      // the target may give a number back with a trailing zero: still the same key
      ItemKey k = key(i + ".50");
      wanted.add(k);
      if (i >= 230) {
        extra.add(k);
      }
    }

    List<ItemKey> absent =
        new SourceKeyReader(api, TestRetriers.dynamo(Duration.ofSeconds(30)))
            .absent("nums", KEYS, wanted);

    assertThat(absent).containsExactlyElementsOf(extra);
    assertThat(api.injected.get()).isEqualTo(3);
    // 250 keys: 3 batches, 3 of them re-driven once
    assertThat(api.batchGetCalls.get()).isEqualTo(6);
  }

  @Test
  void keysStillUnprocessedWhenTheBudgetIsSpentStopTheCheckNamingTheFirst() {
    FaultyDynamoApi api = new FaultyDynamoApi(source.api()).partialGets(1_000);
    SourceKeyReader reader = new SourceKeyReader(api, TestRetriers.dynamo(Duration.ofMillis(300)));

    assertThatThrownBy(() -> reader.absent("nums", KEYS, List.of(key("1.5"), key("2.5"))))
        .isInstanceOf(RetryBudgetExhaustedException.class)
        .hasMessageContaining("BatchGetItem nums")
        .hasMessageContaining("id=N:2.5");
  }
}
