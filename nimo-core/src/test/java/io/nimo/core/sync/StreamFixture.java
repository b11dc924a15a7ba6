package io.nimo.core.sync;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The fixture of the stream ITs: a real DynamoDB Local source table with a stream and a real
 * target, and a job whose streams are scripted at nimo's own StreamsApi seam.
 */
abstract class StreamFixture {
  DynamoLocal source;
  DynamoLocal target;
  @TempDir Path checkpoints;

  @BeforeEach
  void servers() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "items", "id", ScalarAttributeType.S);
    TestTables.enableStream(source.client(), "items");
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
  }

  static Map<String, AttributeValue> item(String id, String v) {
    return Map.of("id", TestItems.s(id), "v", TestItems.s(v));
  }

  SyncJob job(ScriptedStreamsApi streams) {
    return job(streams, "incr");
  }

  SyncJob job(ScriptedStreamsApi streams, String mode) {
    return job(streams, mode, "stop");
  }

  SyncJob job(ScriptedStreamsApi streams, String mode, String onTrimmed) {
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), checkpoints);
    raw.put("sync_mode", mode);
    raw.put("incr.on_trimmed", onTrimmed);
    raw.put("incr.start_probe", "3s");
    raw.put("incr.shard_discovery_interval", "200ms");
    return SyncJob.builder(TestConfigs.shake(raw)).streams(streams).build();
  }

  void awaitTarget(String id, String v) throws InterruptedException {
    io.nimo.core.testkit.Await.until(
        "the target to show " + id + "=" + v,
        java.time.Duration.ofSeconds(60),
        () -> {
          try {
            var got =
                target
                    .client()
                    .getItem(b -> b.tableName("items").key(Map.of("id", TestItems.s(id))))
                    .item();
            return v.equals(got.getOrDefault("v", TestItems.s("")).s());
          } catch (ResourceNotFoundException notYet) {
            return false; // created (or dropped and recreated by a resync) by the job under test
          }
        });
  }

  /**
   * Writes an item to the source table and its record to the scripted stream, as DynamoDB would.
   */
  void change(ScriptedStreamsApi streams, Map<String, AttributeValue> item) {
    source.client().putItem(b -> b.tableName("items").item(item));
    streams.put("shard-0001", item, "id");
  }
}
