package io.nimo.backsync.apply;

import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks that an item's key attributes equal the row's key columns: a row whose JSON disagrees with
 * its own key would otherwise be written to DynamoDB under another key.
 */
final class KeyCheck {
  private KeyCheck() {}

  static void requireKeyOf(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
    for (Map.Entry<String, AttributeValue> k : key.entrySet()) {
      AttributeValue v = item.get(k.getKey());
      if (v == null || !same(k.getValue(), v)) {
        throw new IllegalArgumentException(
            "the item's key attribute "
                + k.getKey()
                + " is "
                + v
                + ", not the row's key column value "
                + k.getValue());
      }
    }
  }

  private static boolean same(AttributeValue column, AttributeValue attribute) {
    if (column.n() != null) {
      return attribute.n() != null
          && new BigDecimal(column.n()).compareTo(new BigDecimal(attribute.n())) == 0;
    }
    return column.equals(attribute);
  }
}
