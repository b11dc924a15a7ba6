package io.nimo.core.testkit.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replica lag of a PolarDB-DDB endpoint not preset to strong consistency: for {@code lagMillis}
 * after a write, reads of the written key answer with the image the key had before it (or with no
 * item, if it had none). Keys are the DynamoDB-JSON text of the key attributes, per table.
 */
final class ReplicaLag {
  /** The image a key had before a write, and when the write was made. */
  private record Before(JsonNode image, long writtenAt) {}

  private final Map<String, Before> recent = new ConcurrentHashMap<>();
  private volatile long lagMillis;

  void set(long millis) {
    this.lagMillis = millis;
    recent.clear();
  }

  long millis() {
    return lagMillis;
  }

  /**
   * Remembers the image a key had before a write made now.
   *
   * @param image the item before the write, or {@code null} if there was none
   */
  void written(String table, String key, JsonNode image, long now) {
    recent.put(table + "\u0000" + key, new Before(image, now));
  }

  /**
   * What a read of the key answers now: empty when it is not lagging (the current image holds),
   * else the earlier image ({@code NullNode} when there was no item).
   */
  java.util.Optional<JsonNode> stale(String table, String key, long now) {
    Before b = recent.get(table + "\u0000" + key);
    if (b == null || now - b.writtenAt() >= lagMillis) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        b.image() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : b.image());
  }
}
