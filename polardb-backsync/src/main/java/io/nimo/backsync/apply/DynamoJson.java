package io.nimo.backsync.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads DynamoDB JSON ({@code {"pk":{"S":"a"},"n":{"N":"1.50"}}}), the item format of the nimo
 * PostgreSQL layout, into SDK attribute values: numbers stay text, binaries are base64, sets keep
 * their type. The layout's writer is nimo-core's {@code ItemJson}; the round-trip tests pin the two
 * to each other (this module runs on Java 11 and cannot share nimo-core's Java 17 classes).
 */
public final class DynamoJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DynamoJson() {}

  /**
   * Parses an item or key.
   *
   * @param json DynamoDB JSON of an object
   * @return the attributes, in document order
   * @throws IllegalArgumentException when the text is not DynamoDB JSON
   */
  public static Map<String, AttributeValue> read(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    return object(node);
  }

  private static Map<String, AttributeValue> object(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object of attributes");
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      item.put(e.getKey(), value(e.getKey(), e.getValue()));
    }
    return item;
  }

  private static AttributeValue value(String name, JsonNode n) {
    if (!n.isObject() || n.size() != 1) {
      throw new IllegalArgumentException(
          "attribute " + name + ": expected one type tag like {\"S\": ...}, got " + n);
    }
    Map.Entry<String, JsonNode> e = n.fields().next();
    JsonNode x = e.getValue();
    switch (e.getKey()) {
      case "S":
        return AttributeValue.fromS(x.asText());
      case "N":
        return AttributeValue.fromN(x.asText());
      case "B":
        return AttributeValue.fromB(bytes(x.asText()));
      case "BOOL":
        return AttributeValue.fromBool(x.asBoolean());
      case "NULL":
        return AttributeValue.fromNul(true);
      case "SS":
        return AttributeValue.fromSs(texts(x));
      case "NS":
        return AttributeValue.fromNs(texts(x));
      case "BS":
        List<SdkBytes> bs = new ArrayList<>();
        texts(x).forEach(t -> bs.add(bytes(t)));
        return AttributeValue.fromBs(bs);
      case "L":
        List<AttributeValue> l = new ArrayList<>();
        x.forEach(el -> l.add(value(name, el)));
        return AttributeValue.fromL(l);
      case "M":
        return AttributeValue.fromM(object(x));
      default:
        throw new IllegalArgumentException(
            "attribute " + name + ": unknown DynamoDB type tag '" + e.getKey() + "'");
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(el -> out.add(el.asText()));
    return out;
  }

  private static SdkBytes bytes(String base64) {
    return SdkBytes.fromByteArray(Base64.getDecoder().decode(base64));
  }
}
