package io.nimo.core.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.testkit.TestItems;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemJsonTest {

  @Test
  void roundTripsEveryTypeAndEdgeCaseExactly() {
    List<AttributeValue> keys =
        List.of(
            TestItems.s("1"),
            TestItems.s("2"),
            TestItems.s("3"),
            TestItems.s("4"),
            TestItems.s("5"));
    for (Map<String, AttributeValue> item : TestItems.edgeCases("pk", keys)) {
      assertThat(ItemJson.read(ItemJson.write(item))).isEqualTo(item);
    }
    Map<String, AttributeValue> ordinary =
        TestItems.ordinary("pk", TestItems.binaryKey(300), new Random(1));
    assertThat(ItemJson.read(ItemJson.write(ordinary))).isEqualTo(ordinary);
  }

  @Test
  void keepsNumbersAsTheirExactText() {
    String json =
        ItemJson.write(Map.of("n", AttributeValue.fromN("12345678901234567890123456789012345678")));
    assertThat(json).isEqualTo("{\"n\":{\"N\":\"12345678901234567890123456789012345678\"}}");
  }

  @Test
  void rejectsUnknownTypeTags() {
    assertThatThrownBy(() -> ItemJson.read("{\"a\":{\"X\":\"1\"}}")).hasMessageContaining("'X'");
  }

  @Test
  void itemKeyHasAStableReadableForm() {
    KeySchema keys = new KeySchema("pk", "sk");
    Map<String, AttributeValue> item =
        Map.of(
            "sk",
            AttributeValue.fromN("42"),
            "pk",
            AttributeValue.fromS("user#1"),
            "other",
            AttributeValue.fromS("x"));
    assertThat(keys.keyOf(item)).hasToString("pk=S:user#1, sk=N:42");
    assertThat(new KeySchema("b", null).keyOf(Map.of("b", TestItems.binaryKey(255))))
        .hasToString("b=B:AP8=");
    assertThatThrownBy(() -> keys.keyOf(Map.of("pk", AttributeValue.fromS("x"))))
        .hasMessageContaining("'sk'");
  }

  @Test
  void sizesItemsLikeDynamoDb() {
    assertThat(ItemSize.of(Map.of("ab", AttributeValue.fromS("xyz")))).isEqualTo(5);
    Map<String, AttributeValue> big =
        TestItems.edgeCases(
                "pk",
                List.of(
                    TestItems.s("1"),
                    TestItems.s("2"),
                    TestItems.s("3"),
                    TestItems.s("4"),
                    TestItems.s("5")))
            .get(0);
    assertThat(ItemSize.of(big)).isLessThan(ItemSize.MAX_ITEM_BYTES).isGreaterThan(399 * 1024);
  }
}
