package io.nimo.core.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemEqualityTest {

  private static boolean eq(AttributeValue a, AttributeValue b) {
    return ItemEquality.equal(Map.of("x", a), Map.of("x", b));
  }

  @Test
  void numbersCompareByValue() {
    assertThat(eq(AttributeValue.fromN("747.60"), AttributeValue.fromN("747.6"))).isTrue();
    assertThat(eq(AttributeValue.fromN("1E+2"), AttributeValue.fromN("100"))).isTrue();
    assertThat(
            eq(
                AttributeValue.fromN("12345678901234567890123456789012345678"),
                AttributeValue.fromN("12345678901234567890123456789012345679")))
        .isFalse();
  }

  @Test
  void setsIgnoreOrderButListsDoNot() {
    assertThat(
            eq(
                AttributeValue.fromNs(List.of("1", "2.50")),
                AttributeValue.fromNs(List.of("2.5", "1"))))
        .isTrue();
    assertThat(
            eq(AttributeValue.fromSs(List.of("a", "b")), AttributeValue.fromSs(List.of("b", "a"))))
        .isTrue();
    assertThat(
            eq(
                AttributeValue.fromBs(
                    List.of(SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("b"))),
                AttributeValue.fromBs(
                    List.of(SdkBytes.fromUtf8String("b"), SdkBytes.fromUtf8String("a")))))
        .isTrue();
    assertThat(
            eq(
                AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromS("b"))),
                AttributeValue.fromL(
                    List.of(AttributeValue.fromS("b"), AttributeValue.fromS("a")))))
        .isFalse();
  }

  @Test
  void typesMustMatch() {
    assertThat(eq(AttributeValue.fromNul(true), AttributeValue.fromBool(true))).isFalse();
    assertThat(eq(AttributeValue.fromS("1"), AttributeValue.fromN("1"))).isFalse();
    assertThat(
            eq(
                AttributeValue.fromL(List.of(AttributeValue.fromS("a"))),
                AttributeValue.fromSs(List.of("a"))))
        .isFalse();
    assertThat(ItemEquality.equal(Map.of("a", AttributeValue.fromS("")), Map.of())).isFalse();
  }

  @Test
  void nestedMapsAndListsCompareDeeply() {
    AttributeValue a =
        AttributeValue.fromM(
            Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromN("1.0")))));
    AttributeValue b =
        AttributeValue.fromM(Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromN("1")))));
    assertThat(eq(a, b)).isTrue();
  }
}
