package io.nimo.core.item;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Equality as DynamoDB defines it: numbers by value ({@code 1.50} equals {@code 1.5}; DynamoDB
 * itself drops the trailing zero), string/number/binary sets as sets, lists in order, maps by key.
 * Types must match: NULL is not BOOL, a list is not a set, the string "1" is not the number 1.
 */
public final class ItemEquality {
  private ItemEquality() {}

  /**
   * Whether two items are equal as DynamoDB sees them (numbers by value, sets unordered).
   *
   * @param a the one
   * @param b the other
   */
  public static boolean equal(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, AttributeValue> e : a.entrySet()) {
      if (!equal(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether two attribute values are equal as DynamoDB sees them.
   *
   * @param a the one
   * @param b the other
   */
  public static boolean equal(AttributeValue a, AttributeValue b) {
    if (a.type() != b.type()) {
      return false;
    }
    return switch (a.type()) {
      case N -> number(a.n()).compareTo(number(b.n())) == 0;
      case NS -> asSet(a.ns(), ItemEquality::number).equals(asSet(b.ns(), ItemEquality::number));
      case SS ->
          new HashSet<>(a.ss()).equals(new HashSet<>(b.ss())) && a.ss().size() == b.ss().size();
      case BS ->
          asSet(a.bs(), SdkBytes::asByteBuffer).equals(asSet(b.bs(), SdkBytes::asByteBuffer));
      case L -> listEqual(a.l(), b.l());
      case M -> equal(a.m(), b.m());
      default -> a.equals(b);
    };
  }

  private static boolean listEqual(List<AttributeValue> a, List<AttributeValue> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static <T, K> Set<K> asSet(List<T> values, Function<T, K> key) {
    Set<K> out = new HashSet<>();
    values.forEach(v -> out.add(key.apply(v)));
    return out;
  }

  private static BigDecimal number(String n) {
    return new BigDecimal(n).stripTrailingZeros();
  }
}
