package io.nimo.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Parses {@code full.read.filter_attributevalues}: {@code name```type```value} pairs joined by
 * {@code ~~~}. Unlike the original, a malformed pair is an error, not silently skipped.
 */
public final class FilterValues {
  private FilterValues() {}

  /**
   * Parses {@code full.read.filter_attributevalues} (the original's {@code name```type```value}
   * list).
   *
   * @return the expression attribute values by placeholder
   */
  public static Map<String, AttributeValue> parse(String text) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    if (text.isBlank()) {
      return values;
    }
    for (String pair : text.split("~~~")) {
      String[] f = pair.trim().split("```", -1);
      if (f.length != 3 || f[0].isBlank()) {
        throw new ConfigException(
            FullSyncOptions.FULL_FILTER_VALUES.key(), "'" + pair + "' is not name```type```value");
      }
      String name = f[0].startsWith(":") ? f[0] : ":" + f[0];
      AttributeValue v =
          switch (f[1]) {
            case "N" -> {
              try {
                new java.math.BigDecimal(f[2]);
              } catch (NumberFormatException e) {
                throw new ConfigException(
                    FullSyncOptions.FULL_FILTER_VALUES.key(), "'" + f[2] + "' is not a number");
              }
              yield AttributeValue.fromN(f[2]);
            }
            case "S" -> AttributeValue.fromS(f[2]);
            default ->
                throw new ConfigException(
                    FullSyncOptions.FULL_FILTER_VALUES.key(),
                    "type '" + f[1] + "' of " + f[0] + " must be N or S");
          };
      values.put(name, v);
    }
    return values;
  }
}
