package io.nimo.core.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.item.ItemJson;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncListener;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.sync.hooks.TableSummary;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What an embedding team does: builds the configuration in code, names a third-party target that
 * ServiceLoader finds, drops and renames attributes and skips items with a transformer, and watches
 * the run through a listener.
 */
class EmbeddingExampleIT {

  /**
   * The configuration an embedder builds in code: a DynamoDB Local source and the JSON-file target.
   */
  private static Configuration fileTargetConf(DynamoLocal source, Path dir, String mode) {
    return Configuration.builder(ShakeOptions.ALL)
        .set(ShakeOptions.SYNC_MODE.key(), mode)
        .set(SourceOptions.SOURCE_ENDPOINT, source.endpoint())
        .set(SourceOptions.SOURCE_AK, "embedded")
        .set(SourceOptions.SOURCE_SK, "embedded")
        .set(TargetAccessOptions.TARGET_TYPE, "jsonfile")
        .set(TargetAccessOptions.TARGET_ADDRESS, dir.resolve("out").toString())
        .set(ShakeOptions.CHECKPOINT_ADDRESS, dir.resolve("cp").toString())
        .set(ShakeOptions.FULL_HTTP_PORT, -1)
        .set(ShakeOptions.INCR_HTTP_PORT, -1)
        .set(ShakeOptions.PROGRESS_INTERVAL, java.time.Duration.ofMillis(200))
        .build();
  }

  @Test
  void runsFullThenIncrementalSyncIntoAServiceLoadedTarget(@TempDir Path dir) throws Exception {
    try (DynamoLocal source = DynamoLocal.start()) {
      TestTables.createHashOnly(source.client(), "orders", "id", ScalarAttributeType.S);
      TestTables.put(
          source.client(),
          "orders",
          List.of(
              Map.of("id", TestItems.s("a"), "n", TestItems.n("1")),
              Map.of("id", TestItems.s("b"), "n", TestItems.n("2"))));
      Configuration conf = fileTargetConf(source, dir, "all");
      List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
      SyncListener watcher =
          new SyncListener() {
            @Override
            public void onIncrementalStarted(String table) {
              events.add("started " + table);
            }

            @Override
            public void onStreamProgress(io.nimo.core.metrics.StreamProgress.Snapshot s) {
              events.add("progress " + s.table());
            }

            @Override
            public void onIncrementalStopped(String table, String error) {
              events.add("stopped " + table + " " + error);
            }
          };
      try (SyncJob job = SyncJob.builder(conf).listener(watcher).build()) {
        java.util.concurrent.CompletableFuture<SyncReport> run = Jobs.runAsync(job);
        Await.until(
            "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
        source
            .client()
            .putItem(
                b ->
                    b.tableName("orders")
                        .item(Map.of("id", TestItems.s("c"), "n", TestItems.n("3"))));
        source.client().deleteItem(b -> b.tableName("orders").key(Map.of("id", TestItems.s("a"))));
        io.nimo.core.testkit.Await.until(
            "both changes applied and reported to the listener",
            java.time.Duration.ofSeconds(60),
            () ->
                job.streamProgress().get("orders").snapshot(0).applied() >= 2
                    && events.contains("progress orders"));
        job.stop();
        assertThat(run.get().outcome()).isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
      }
      List<String> ids =
          Files.readAllLines(dir.resolve("out/orders.jsonl")).stream()
              .map(l -> ItemJson.read(l).get("id").s())
              .sorted()
              .toList();
      assertThat(ids).containsExactly("b", "c");
      assertThat(events)
          .startsWith("started orders")
          .contains("progress orders")
          .endsWith("stopped orders null");
      // the same configuration checks the custom target item by item
      try (io.nimo.core.check.CheckJob check =
          io.nimo.core.check.CheckJob.builder(conf).diffDirectory(dir.resolve("diff")).build()) {
        io.nimo.core.check.CheckReport report = check.run();
        assertThat(report.consistent()).as(report.toString()).isTrue();
      }
    }
  }

  @Test
  void runsAFullSyncIntoAServiceLoadedTargetWithATransformerAndAListener(@TempDir Path dir)
      throws Exception {
    try (DynamoLocal source = DynamoLocal.start()) {
      TestTables.createHashOnly(source.client(), "people", "id", ScalarAttributeType.S);
      Random rnd = new Random(9);
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        Map<String, AttributeValue> item =
            new HashMap<>(TestItems.ordinary("id", TestItems.s("p" + i), rnd));
        item.put("secret", TestItems.s("ssn-" + i));
        items.add(item);
      }
      TestTables.put(source.client(), "people", items);

      Configuration conf = fileTargetConf(source, dir, "full");
      List<TableSummary> finished = new CopyOnWriteArrayList<>();
      SyncReport report;
      try (SyncJob job =
          SyncJob.builder(conf)
              .transformer(
                  (table, item) -> {
                    if (item.get("id").s().endsWith("7")) {
                      return Optional.empty();
                    }
                    Map<String, AttributeValue> out = new HashMap<>(item);
                    out.remove("secret");
                    out.put("display_name", out.remove("name"));
                    return Optional.of(out);
                  })
              .listener(
                  new SyncListener() {
                    @Override
                    public void onTableFinished(TableSummary summary) {
                      finished.add(summary);
                    }
                  })
              .build()) {
        report = job.run();
      }

      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(finished)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.ok()).isTrue();
                assertThat(s.progress().filtered()).isEqualTo(100);
                assertThat(s.progress().written()).isEqualTo(900);
              });
      List<String> lines = Files.readAllLines(dir.resolve("out/people.jsonl"));
      assertThat(lines).hasSize(900);
      Map<String, Map<String, AttributeValue>> sourceItems =
          TableContents.read(source.client(), "people");
      for (String line : lines) {
        Map<String, AttributeValue> written = ItemJson.read(line);
        Map<String, AttributeValue> original = sourceItems.get("id=S:" + written.get("id").s());
        assertThat(written).doesNotContainKey("secret").doesNotContainKey("name");
        assertThat(written.get("display_name")).isEqualTo(original.get("name"));
        assertThat(written.get("scores")).isEqualTo(original.get("scores"));
      }
    }
  }
}
