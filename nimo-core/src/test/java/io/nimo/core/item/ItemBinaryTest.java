package io.nimo.core.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.testkit.TestItems;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemBinaryTest {

  private static byte[] bytes(Map<String, AttributeValue> item) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      ItemBinary.write(out, item);
    }
    return b.toByteArray();
  }

  private static Map<String, AttributeValue> back(byte[] bytes) throws IOException {
    return ItemBinary.read(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  @Test
  void roundTripsEveryTypeAndEveryItemAtDynamoDbsLimitsExactly() throws IOException {
    List<AttributeValue> keys =
        List.of(
            TestItems.s("1"),
            TestItems.s("2"),
            TestItems.s("3"),
            TestItems.s("4"),
            TestItems.s("5"));
    for (Map<String, AttributeValue> item : TestItems.edgeCases("pk", keys)) {
      assertThat(back(bytes(item))).isEqualTo(item);
    }
    Map<String, AttributeValue> ordinary =
        TestItems.ordinary("pk", TestItems.binaryKey(300), new Random(1));
    assertThat(back(bytes(ordinary))).isEqualTo(ordinary);
  }

  @Test
  void isSmallerThanDynamoDbJsonForAnOrdinaryItem() throws IOException {
    Map<String, AttributeValue> ordinary =
        TestItems.ordinary("pk", TestItems.s("user#1"), new Random(2));
    assertThat(bytes(ordinary).length)
        .isLessThan(
            ItemJson.write(ordinary).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void refusesCorruptInputInsteadOfInventingValues() throws IOException {
    byte[] good = bytes(Map.of("a", AttributeValue.fromS("x")));
    byte[] badTag = good.clone();
    badTag[4 + 4 + 1] = 42; // count, name length, name "a", then the value's tag
    assertThatThrownBy(() -> back(badTag)).hasMessageContaining("unknown value tag 42");
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
    assertThatThrownBy(() -> back(cut)).isInstanceOf(java.io.EOFException.class);
  }
}
