package io.nimo.backsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * Reads a DynamoDB key out of an item document, in key-schema order. Numbers are written in one
 * canonical form ({@code 7.50} and {@code 7.5} are one DynamoDB key), so every change of an item
 * routes to the same writer whatever form the document spells it in.
 */
final class DocumentKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DocumentKeys() {}

  /**
   * The key.
   *
   * @param l the table's layout
   * @param document the item as DynamoDB JSON
   * @return the key as DynamoDB JSON
   * @throws IllegalStateException when a key attribute is missing or of another type
   */
  static String keyJson(TableLayout l, JsonNode document) {
    ObjectNode key = JSON.createObjectNode();
    for (KeyAttribute k : l.key()) {
      JsonNode typed = document == null ? null : document.get(k.name());
      JsonNode value = typed == null ? null : typed.get(k.type());
      if (value == null || !value.isTextual()) {
        throw new IllegalStateException(
            "table "
                + l.table()
                + ": a document in column "
                + l.documentColumn()
                + " has no key attribute "
                + k
                + " of the DynamoDB table's key "
                + l.key()
                + (typed == null || !typed.fieldNames().hasNext()
                    ? ""
                    : " (it is of type " + typed.fieldNames().next() + ")"));
      }
      String text = value.asText();
      if (k.type().equals("N")) {
        text = new BigDecimal(text).stripTrailingZeros().toPlainString();
      }
      key.set(k.name(), JSON.createObjectNode().put(k.type(), text));
    }
    return key.toString();
  }
}
