package io.nimo.core.item;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Item size as DynamoDB accounts it (names + values), used for batching and throughput stats. */
public final class ItemSize {
  /** DynamoDB's maximum item size. */
  public static final int MAX_ITEM_BYTES = 400 * 1024;

  private ItemSize() {}

  /** The item's size as DynamoDB counts it toward the 400 KB limit. */
  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + of(e.getValue());
    }
    return size;
  }

  private static long of(AttributeValue v) {
    return switch (v.type()) {
      case S -> utf8(v.s());
      case N -> number(v.n());
      case B -> bytes(v.b());
      case BOOL, NUL -> 1;
      case SS -> v.ss().stream().mapToLong(ItemSize::utf8).sum();
      case NS -> v.ns().stream().mapToLong(ItemSize::number).sum();
      case BS -> v.bs().stream().mapToLong(ItemSize::bytes).sum();
      case L -> 3 + v.l().stream().mapToLong(x -> 1 + of(x)).sum();
      case M ->
          3
              + v.m().entrySet().stream()
                  .mapToLong(x -> 1 + utf8(x.getKey()) + of(x.getValue()))
                  .sum();
      default -> 0;
    };
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static long bytes(SdkBytes b) {
    return b.asByteArrayUnsafe().length;
  }

  private static long number(String n) {
    // up to 38 significant digits packed two per byte, plus one byte
    long digits = n.chars().filter(Character::isDigit).count();
    return (digits + 1) / 2 + 1;
  }
}
