package io.nimo.core.item;

import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The primary-key values of one item. {@link #toString()} is a stable, human-readable form used in
 * error messages, diff reports and checkpoints, e.g. {@code pk=S:user#1, sk=N:42}.
 *
 * @param values key attribute name to value (hash key first)
 */
public record ItemKey(Map<String, AttributeValue> values) {

  /** Copies the values, keeping their order. */
  public ItemKey {
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ");
    values.forEach((name, v) -> j.add(name + "=" + render(v)));
    return j.toString();
  }

  private static String render(AttributeValue v) {
    if (v.s() != null) {
      return "S:" + v.s();
    }
    if (v.n() != null) {
      return "N:" + v.n();
    }
    if (v.b() != null) {
      return "B:" + Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe());
    }
    return v.toString();
  }
}
