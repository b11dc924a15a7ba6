package io.nimo.core.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.nimo.core.check.CheckJob;
import io.nimo.core.check.CheckReport;
import io.nimo.core.check.RepairJob;
import io.nimo.core.check.TableRepair;
import io.nimo.core.config.Configuration;
import io.nimo.core.convert.ExactBsonConverter;
import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.ItemJson;
import io.nimo.core.item.KeySchema;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.MongoLocal;
import io.nimo.core.testkit.ShardingRecorder;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB (DynamoDB Local) to MongoDB (a wire-protocol server) as the second guide runs it: full
 * sync then the streams with a live writer, checkpoints in MongoDB, check and repair through the
 * converter, existing collections, indexes and the sharding commands.
 */
class MongoSyncIT {
  private static final int ITEMS = 1200;
  private static final ExactBsonConverter EXACT = new ExactBsonConverter("pre");
  private DynamoLocal source;
  private MongoLocal mongo;
  @TempDir Path work;

  @BeforeEach
  void servers() {
    source = DynamoLocal.start();
    mongo = MongoLocal.start();
    TestTables.createHashOnly(source.client(), "items", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "items", "id", ITEMS, 3);
  }

  @AfterEach
  void stop() {
    source.close();
    mongo.close();
  }

  private Map<String, String> raw(String mode) {
    Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), "unused", work);
    raw.put("id", "nimo-shake");
    raw.put("sync_mode", mode);
    raw.put("target.type", "mongodb");
    raw.put("target.address", mongo.uri());
    raw.put("target.access_key_id", "");
    raw.put("target.secret_access_key", "");
    raw.put("checkpoint.type", "mongodb");
    raw.put("checkpoint.address", "");
    raw.put("incr.shard_discovery_interval", "500ms");
    return raw;
  }

  private MongoCollection<Document> collection(String table) {
    return mongo.client().getDatabase("nimo-shake").getCollection(table);
  }

  /** Source items that the collection does not hold equally (by DynamoDB semantics), by key. */
  private List<String> differences(String table, KeySchema keys) {
    Map<String, Map<String, AttributeValue>> want = TableContents.read(source.client(), table);
    List<String> out = new ArrayList<>();
    Map<String, Map<String, AttributeValue>> have = new java.util.HashMap<>();
    for (Document d : collection(table).find()) {
      Map<String, AttributeValue> item = EXACT.toItem(d);
      have.put(keys.keyOf(item).toString(), item);
    }
    want.forEach(
        (k, v) -> {
          Map<String, AttributeValue> got = have.remove(keys.keyOf(v).toString());
          if (got == null || !ItemEquality.equal(got, v)) {
            out.add((got == null ? "missing " : "different ") + ItemJson.write(v));
          }
        });
    have.keySet().forEach(k -> out.add("extra " + k));
    return out;
  }

  private void awaitConverged(String table, KeySchema keys) throws Exception {
    List<String> diff =
        Await.settle(
            Duration.ofSeconds(60),
            Duration.ofMillis(300),
            () -> differences(table, keys),
            List::isEmpty);
    assertThat(diff).as("MongoDB still differs from the source").isEmpty();
  }

  @Test
  void fullThenIncrementalWithALiveWriterCheckpointsInMongoAndChecksAndRepairs() throws Exception {
    Map<String, String> raw = raw("all");
    raw.put("qps.full", "10");
    raw.put("qps.full.batch_num", "50");
    LiveWriter writer = new LiveWriter(source.newClient(), "items", ITEMS, 40);
    KeySchema keys = new KeySchema("id", null);
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "the full sync to register its tables",
          Duration.ofSeconds(60),
          () -> !job.progress().snapshot().isEmpty());
      writer.start();
      Await.until(
          "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
      writer.awaitMore(60);
      writer.stop();
      awaitConverged("items", keys);
      job.stop();
      assertThat(run.get(60, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }
    assertThat(writer.ops.get()).isPositive();
    assertThat(
            mongo
                .client()
                .getDatabase("nimo-shake-checkpoint")
                .listCollectionNames()
                .into(new ArrayList<>()))
        .contains("status_table", "full.items", "incr.items");

    Configuration conf = TestConfigs.shake(raw);
    Path diff = work.resolve("diff");
    try (CheckJob check = CheckJob.builder(conf).diffDirectory(diff).build()) {
      assertThat(check.run().consistent()).isTrue();
    }
    collection("items").deleteOne(Filters.eq("id", "item-7"));
    collection("items")
        .updateOne(
            Filters.eq("id", "item-8"), new Document("$set", new Document("name", "changed")));
    collection("items").insertOne(new Document("id", "stray"));
    try (CheckJob check = CheckJob.builder(conf).diffDirectory(diff).build()) {
      CheckReport report = check.run();
      assertThat(report.consistent()).isFalse();
      assertThat(report.tables().get(0).missing()).isEqualTo(1);
      assertThat(report.tables().get(0).different()).isEqualTo(1);
      assertThat(report.tables().get(0).extra()).isEqualTo(1);
    }
    try (RepairJob repair = RepairJob.builder(conf).diffDirectory(diff).build()) {
      TableRepair fixed = repair.run().get(0);
      assertThat(fixed.unresolved()).isZero();
      assertThat(fixed.written() + fixed.deleted()).isEqualTo(3);
    }
    try (CheckJob check = CheckJob.builder(conf).diffDirectory(diff).build()) {
      assertThat(check.run().consistent()).isTrue();
    }
  }

  @Test
  void aStoppedFullSyncResumesFromItsMongoCheckpointWithoutStartingOver() throws Exception {
    Map<String, String> raw = raw("full");
    raw.put("qps.full", "4");
    raw.put("qps.full.batch_num", "50");
    raw.put("full.read.concurrency", "2");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      Await.until(
          "200 documents in items",
          Duration.ofSeconds(60),
          () -> !(collection("items").countDocuments() < 200));
      job.stop();
      assertThat(run.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
    }
    long before = collection("items").countDocuments();
    assertThat(before).isLessThan(ITEMS);
    raw.put("qps.full", "1000");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      SyncReport report = job.run();
      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
      assertThat(report.tables().get(0).progress().resumedFrom()).isPositive();
    }
    assertThat(differences("items", new KeySchema("id", null))).isEmpty();
  }

  @Test
  void edgeCaseItemsAndIndexesAsTheGuideDescribes() throws Exception {
    TestTables.createWithIndexes(source.client(), "indexed");
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    int i = 0;
    for (Map<String, AttributeValue> e :
        TestItems.edgeCases(
            "pk",
            List.of(
                TestItems.n("1"),
                TestItems.n("2"),
                TestItems.n("3"),
                TestItems.n("4"),
                TestItems.n("5"),
                TestItems.n("6"),
                TestItems.n("7"),
                TestItems.n("8"),
                TestItems.n("9"),
                TestItems.n("10")))) {
      Map<String, AttributeValue> m = new java.util.LinkedHashMap<>(e);
      m.put("sk", TestItems.s("s" + i++));
      items.add(m);
    }
    TestTables.put(source.client(), "indexed", items);
    Map<String, String> raw = raw("full");
    raw.put("filter.collection.white", "indexed");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
    assertThat(differences("indexed", new KeySchema("pk", "sk"))).isEmpty();
    List<String> indexes = new ArrayList<>();
    for (Document ix : collection("indexed").listIndexes()) {
      indexes.add(
          ix.getString("name")
              + " "
              + ix.get("key", Document.class).toJson()
              + (Boolean.TRUE.equals(ix.get("unique")) ? " unique" : ""));
    }
    assertThat(indexes)
        .contains(
            "primary {\"pk\": 1, \"sk\": 1} unique",
            "partition_hashed {\"pk\": \"hashed\"}",
            "gsi_by_g {\"gpk\": 1, \"gsk\": 1}")
        .anyMatch(s -> s.startsWith("lsi_"));
  }

  @Test
  void anExistingCollectionIsRefusedDroppedOrRenamed() throws Exception {
    collection("items").insertOne(new Document("id", "left-over"));
    Map<String, String> raw = raw("full");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      SyncReport report = job.run();
      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
      assertThat(report.message() + report.tables()).contains("nimo-shake.items");
    }
    assertThat(collection("items").countDocuments()).isEqualTo(1);

    Map<String, String> rename = raw("full");
    rename.put("id", "nimo-shake");
    rename.put("target.mongodb.exist", "rename");
    rename.put("checkpoint.db", "renamed-run");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(rename)).build()) {
      assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
    List<String> names =
        mongo.client().getDatabase("nimo-shake").listCollectionNames().into(new ArrayList<>());
    String kept = names.stream().filter(n -> n.startsWith("items_")).findFirst().orElseThrow();
    assertThat(mongo.client().getDatabase("nimo-shake").getCollection(kept).countDocuments())
        .isEqualTo(1);
    assertThat(collection("items").countDocuments()).isEqualTo(ITEMS);

    Map<String, String> drop = raw("full");
    drop.put("target.db.exist", "drop");
    drop.put("checkpoint.db", "dropped-run");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(drop)).build()) {
      assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
    assertThat(collection("items").countDocuments()).isEqualTo(ITEMS);
    assertThat(collection("items").countDocuments(Filters.eq("id", "left-over"))).isZero();
  }

  @Test
  void aShardedTargetEnablesShardingAndShardsOnTheHashedPartitionKey() throws Exception {
    ShardingRecorder recorder = new ShardingRecorder();
    mongo.close();
    mongo = MongoLocal.start(recorder);
    Map<String, String> raw = raw("full");
    raw.put("target.address", mongo.uri());
    raw.put("target.mongodb.type", "sharding");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
    // recorded, not executed: this server cannot shard (see ShardingRecorder)
    assertThat(recorder.commands)
        .containsExactly(
            "enableSharding nimo-shake", "shardCollection nimo-shake.items {\"id\" : \"hashed\"}");
  }

  @Test
  void theOriginalsChangeShapeSyncsAndAValueItCannotHoldStopsTheTableNamingTheKey()
      throws Exception {
    Map<String, String> raw = raw("full");
    raw.put("convert.type", "change");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      assertThat(job.run().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }
    assertThat(collection("items").countDocuments()).isEqualTo(ITEMS);
    assertThat(collection("items").find(Filters.eq("id", "item-3")).first().get("id"))
        .isEqualTo("item-3");

    source
        .client()
        .putItem(
            b ->
                b.tableName("items")
                    .item(
                        Map.of(
                            "id", TestItems.s("too-precise"),
                            "n", TestItems.n("1.2345678901234567890123456789012345678"))));
    raw.put("target.db.exist", "drop");
    raw.put("checkpoint.db", "second-run");
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      SyncReport report = job.run();
      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
      assertThat(report.tables().get(0).error()).contains("too-precise").contains("34 digits");
    }
  }
}
