package io.nimo.backsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB A → nimo-shake (full + incremental) → PostgreSQL → backsync → DynamoDB B: after a live
 * writer on A stops, B equals A item for item, every attribute type and limit included. The
 * PostgreSQL tables hold the item in {@code polardb_document} ({@code
 * target.postgresql.item_column}), which backsync finds by itself.
 */
class RoundTripIT {
  @TempDir Path work;

  @Test
  void roundTripThroughPostgresGivesBackEveryItemExactly() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal a = DynamoLocal.start();
        DynamoLocal b = DynamoLocal.start()) {
      TestTables.createHashOnly(a.client(), "items", "id", ScalarAttributeType.S);
      TestTables.seed(a.client(), "items", "id", 500, 9);
      List<AttributeValue> hashes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        hashes.add(AttributeValue.fromS("edge-" + i));
      }
      TestTables.put(a.client(), "items", TestItems.edgeCases("id", hashes));
      TestTables.createHashOnly(b.client(), "items", "id", ScalarAttributeType.S);

      // nimo-shake writes PolarDB-DDB's column name; backsync finds it without layout.itemColumn
      try (TwoWayHarness forward = TwoWayHarness.forward(a, pg, work, "polardb_document")) {
        Map<String, String> yaml = BackSyncHarness.yaml(pg, b);
        yaml.put("snapshot.mode", "initial"); // copy what the full sync wrote, then stream
        yaml.put("echo.skipForwardSyncChanges", "false"); // B is not A: nothing can echo
        BackSyncOptions o = BackSyncHarness.options(yaml);
        JobClient back =
            BackSyncHarness.start(o, new io.nimo.backsync.apply.SdkItemStoreFactory(o), null, null);
        try {
          LiveWriter writer = new LiveWriter(a.newClient(), "items", 500, 50).start();
          writer.awaitMore(200);
          writer.stop();
          List<String> diff =
              io.nimo.core.testkit.Await.settle(
                  Duration.ofSeconds(180),
                  Duration.ofMillis(500),
                  () -> TableContents.diff(a.client(), b.client(), "items"),
                  List::isEmpty);
          assertThat(diff).as("B differs from A").isEmpty();
          assertThat(TableContents.read(b.client(), "items"))
              .hasSize(TableContents.read(a.client(), "items").size());
        } finally {
          BackSyncHarness.cancel(back);
        }
      }
    }
  }
}
