package io.nimo.core.item;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lossless DynamoDB-JSON codec ({@code {"pk":{"S":"a"},"n":{"N":"1.50"}}}) for items and keys.
 * Numbers stay strings, binaries are base64, sets keep their type: the round trip is exact.
 */
public final class ItemJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ItemJson() {}

  /** The item as DynamoDB JSON. */
  public static String write(Map<String, AttributeValue> item) {
    try {
      return MAPPER.writeValueAsString(toNode(item));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The item of a DynamoDB JSON object; malformed input is an {@link IllegalArgumentException}.
   *
   * @param json the JSON text
   */
  public static Map<String, AttributeValue> read(String json) {
    try {
      return fromNode(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not DynamoDB JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The item as a Jackson tree. */
  public static ObjectNode toNode(Map<String, AttributeValue> item) {
    ObjectNode node = MAPPER.createObjectNode();
    item.forEach((k, v) -> node.set(k, valueNode(v)));
    return node;
  }

  /**
   * The item of a Jackson tree in DynamoDB JSON.
   *
   * @param node the tree
   */
  public static Map<String, AttributeValue> fromNode(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, got " + node.getNodeType());
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      item.put(e.getKey(), value(e.getValue()));
    }
    return item;
  }

  private static ObjectNode valueNode(AttributeValue v) {
    ObjectNode n = MAPPER.createObjectNode();
    switch (v.type()) {
      case S -> n.put("S", v.s());
      case N -> n.put("N", v.n());
      case B -> n.put("B", base64(v.b()));
      case BOOL -> n.put("BOOL", v.bool());
      case NUL -> n.put("NULL", true);
      case SS -> v.ss().forEach(n.putArray("SS")::add);
      case NS -> v.ns().forEach(n.putArray("NS")::add);
      case BS -> {
        ArrayNode a = n.putArray("BS");
        v.bs().forEach(b -> a.add(base64(b)));
      }
      case L -> {
        ArrayNode a = n.putArray("L");
        v.l().forEach(e -> a.add(valueNode(e)));
      }
      case M -> n.set("M", toNode(v.m()));
      default -> throw new IllegalArgumentException("unknown attribute value type: " + v);
    }
    return n;
  }

  private static AttributeValue value(JsonNode n) {
    if (!n.isObject() || n.size() != 1) {
      throw new IllegalArgumentException("expected a one-field type object, got " + n);
    }
    Map.Entry<String, JsonNode> e = n.fields().next();
    JsonNode x = e.getValue();
    return switch (e.getKey()) {
      case "S" -> AttributeValue.fromS(x.asText());
      case "N" -> AttributeValue.fromN(x.asText());
      case "B" -> AttributeValue.fromB(bytes(x.asText()));
      case "BOOL" -> AttributeValue.fromBool(x.asBoolean());
      case "NULL" -> AttributeValue.fromNul(true);
      case "SS" -> AttributeValue.fromSs(texts(x));
      case "NS" -> AttributeValue.fromNs(texts(x));
      case "BS" -> AttributeValue.fromBs(texts(x).stream().map(ItemJson::bytes).toList());
      case "L" -> {
        List<AttributeValue> l = new ArrayList<>();
        x.forEach(el -> l.add(value(el)));
        yield AttributeValue.fromL(l);
      }
      case "M" -> AttributeValue.fromM(fromNode(x));
      default ->
          throw new IllegalArgumentException("unknown DynamoDB type tag '" + e.getKey() + "'");
    };
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(el -> out.add(el.asText()));
    return out;
  }

  private static String base64(SdkBytes b) {
    return Base64.getEncoder().encodeToString(b.asByteArrayUnsafe());
  }

  private static SdkBytes bytes(String base64) {
    return SdkBytes.fromByteArray(Base64.getDecoder().decode(base64));
  }
}
