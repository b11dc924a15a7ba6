package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.Configuration;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetProviders;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.MongoLocal;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code mode = changed} into MongoDB and PostgreSQL with nimo-shake's incremental sync running:
 * the keys read from the stream are compared through each target's own reads.
 */
class ChangedCheckTargetsIT {
  private static final int ITEMS = 400;
  @TempDir Path work;

  @Test
  void changedCheckOnMongoDbComparesOnlyTheChangedKeys() throws Exception {
    try (DynamoLocal source = DynamoLocal.start();
        MongoLocal mongo = MongoLocal.start()) {
      Map<String, String> raw = raw(source);
      raw.put("target.type", "mongodb");
      raw.put("target.address", mongo.uri());
      raw.put("checkpoint.type", "mongodb");
      raw.put("checkpoint.address", "");
      scenario(source, raw);
    }
  }

  @Test
  void changedCheckOnPostgresqlComparesOnlyTheChangedKeys() throws Exception {
    try (DynamoLocal source = DynamoLocal.start();
        PostgresLocal pg = PostgresLocal.start()) {
      Map<String, String> raw = raw(source);
      raw.put("target.type", "postgresql");
      raw.put("target.address", pg.jdbcUrl());
      raw.put("checkpoint.type", "postgresql");
      scenario(source, raw);
    }
  }

  private Map<String, String> raw(DynamoLocal source) {
    TestTables.createHashOnly(source.client(), "items", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "items", "id", ITEMS, 5);
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), "unused", work);
    raw.put("sync_mode", "all");
    raw.put("target.access_key_id", "");
    raw.put("target.secret_access_key", "");
    raw.put("incr.shard_discovery_interval", "500ms");
    return raw;
  }

  private void scenario(DynamoLocal source, Map<String, String> raw) throws Exception {
    Configuration conf = TestConfigs.shake(raw);
    KeySchema keys = new KeySchema("id", null);
    try (SyncJob sync = SyncJob.builder(conf).build()) {
      CompletableFuture<SyncReport> running = Jobs.runAsync(sync);
      Await.until(
          "the incremental phase", Duration.ofSeconds(60), () -> !sync.streamProgress().isEmpty());
      assertThat(awaitConsistent(conf, CheckMode.FULL, "d1").tables().get(0).checked())
          .isEqualTo(ITEMS);

      for (int i = 0; i < 3; i++) {
        update(source, "item-" + i, "v" + i);
      }
      source.client().deleteItem(b -> b.tableName("items").key(key("item-3")));
      update(source, "new-item", "fresh");
      CheckReport changed = awaitConsistent(conf, CheckMode.CHANGED, "d2");
      assertThat(changed.tables().get(0).checked()).isEqualTo(5);

      sync.stop();
      running.get(60, TimeUnit.SECONDS);
    }
    // with the sync stopped: a difference on a changed key is found, one on an unchanged key is not
    try (TargetSession session = TargetProviders.validated(conf).open(conf, Timing.SYSTEM)) {
      Target items = session.table("items", keys);
      items.writeBatch(List.of(item("item-1", "corrupted"), item("item-200", "corrupted")));
    }
    CheckReport found = run(conf, CheckMode.CHANGED, "d3");
    assertThat(found.consistent()).isFalse();
    assertThat(DiffFiles.read(found.tables().get(0).diffFile()))
        .extracting(Difference::key)
        .containsExactly(new ItemKey(key("item-1")));
  }

  private CheckReport run(Configuration conf, CheckMode mode, String diffs) {
    try (CheckJob job =
        CheckJob.builder(conf)
            .mode(mode)
            .diffDirectory(work.resolve(diffs))
            .stateDirectory(work.resolve("state"))
            .build()) {
      return job.run();
    }
  }

  /** Checks until the sync has caught up (the incremental sync applies within seconds). */
  private CheckReport awaitConsistent(Configuration conf, CheckMode mode, String diffs)
      throws Exception {
    CheckReport r =
        Await.settle(
            Duration.ofSeconds(60),
            Duration.ofMillis(500),
            () -> run(conf, mode, diffs),
            CheckReport::consistent);
    assertThat(r.consistent()).as("%s check of a caught-up sync", mode).isTrue();
    return r;
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", TestItems.s(id));
  }

  private static Map<String, AttributeValue> item(String id, String v) {
    Map<String, AttributeValue> item = new HashMap<>(key(id));
    item.put("v", TestItems.s(v));
    return item;
  }

  private static void update(DynamoLocal source, String id, String v) {
    source.client().putItem(b -> b.tableName("items").item(item(id, v)));
  }
}
