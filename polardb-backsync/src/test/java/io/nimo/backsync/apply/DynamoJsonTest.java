package io.nimo.backsync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.ItemJson;
import io.nimo.core.testkit.TestItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Java 11 reader of the layout agrees with nimo-core's writer on every type and limit. */
class DynamoJsonTest {
  @Test
  void readsBackEveryItemNimoCoreWrites() {
    List<AttributeValue> hashes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hashes.add(AttributeValue.fromS("h" + i));
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>(TestItems.edgeCases("pk", hashes));
    Random rnd = new Random(1);
    for (int i = 0; i < 200; i++) {
      items.add(TestItems.ordinary("pk", AttributeValue.fromS("o" + i), rnd));
    }
    for (Map<String, AttributeValue> item : items) {
      assertThat(DynamoJson.read(ItemJson.write(item))).isEqualTo(item);
    }
  }

  @Test
  void refusesWhatIsNotDynamoDbJsonNamingTheAttribute() {
    assertThatThrownBy(() -> DynamoJson.read("{\"a\": 1}")).hasMessageContaining("attribute a");
    assertThatThrownBy(() -> DynamoJson.read("{\"a\": {\"X\": 1}}")).hasMessageContaining("'X'");
    assertThatThrownBy(() -> DynamoJson.read("[1]")).hasMessageContaining("object");
    assertThatThrownBy(() -> DynamoJson.read("{")).hasMessageContaining("not JSON");
  }
}
