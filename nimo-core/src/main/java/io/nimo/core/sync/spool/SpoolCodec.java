package io.nimo.core.sync.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nimo.core.item.ItemJson;
import io.nimo.core.item.ItemKey;
import io.nimo.core.source.ChangeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One spooled change per line: {@code
 * {"s":seq,"k":"INSERT","t":false,"c":millis,"key":{..},"img":{..}}} with keys and images in
 * lossless DynamoDB JSON.
 */
final class SpoolCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A decoded line. */
  record Entry(ChangeEvent event, long createdMillis) {}

  private SpoolCodec() {}

  static byte[] encode(ChangeEvent e, long createdMillis) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("s", e.sequenceNumber());
    n.put("k", e.kind().name());
    n.put("t", e.ttlExpiry());
    n.put("c", createdMillis);
    n.set("key", ItemJson.toNode(e.key().values()));
    if (e.newImage() != null) {
      n.set("img", ItemJson.toNode(e.newImage()));
    }
    return (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static Entry decode(byte[] line, int length) throws IOException {
    JsonNode n = MAPPER.readTree(line, 0, length);
    JsonNode img = n.get("img");
    ChangeEvent e =
        new ChangeEvent(
            ChangeEvent.Kind.valueOf(n.path("k").asText()),
            new ItemKey(ItemJson.fromNode(n.path("key"))),
            img == null ? null : ItemJson.fromNode(img),
            n.path("s").asText(),
            n.path("t").asBoolean());
    return new Entry(e, n.path("c").asLong());
  }
}
