package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.Configuration;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import io.nimo.core.testkit.polardb.PolarDbDouble;
import io.nimo.core.testkit.polardb.PolarDbDouble.StrongReads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The seeds' main target as PolarDB-DDB documents it, stood in for by {@link PolarDbDouble} in
 * front of DynamoDB Local with every documented difference switched on: strong reads refused (or
 * ignored, with {@code target.type = polardb}), atomic batches, 100-item pages, no consumed
 * capacity, projections without key attributes, {@code TableNotFound}, BatchGetItem's misnamed
 * unprocessed keys, and a replica lag of 2 s. The whole journey must end identical: sync (full and
 * incremental, the checkpoint kept on the target), check, corrupt, an exact report, repair, check
 * again, and a {@code mode = changed} check.
 */
class PolarDbJourneyIT {
  private static final String TABLE = "orders";
  private static final int ITEMS = 400;
  private DynamoLocal source;
  private DynamoLocal target;
  private PolarDbDouble polardb;
  @TempDir Path work;

  @BeforeEach
  void start() {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    polardb = PolarDbDouble.inFrontOf(target.endpoint());
  }

  @AfterEach
  void stop() {
    polardb.close();
    source.close();
    target.close();
  }

  private Map<String, String> raw(String targetType) {
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), polardb.endpoint(), work.resolve("cp"));
    raw.put("target.type", targetType);
    raw.put("sync_mode", "all");
    raw.put("checkpoint.type", "dynamodb");
    raw.put("checkpoint.address", "");
    raw.put("filter.collection.white", TABLE);
    raw.put("qps.full.batch_num", "250");
    return raw;
  }

  private CheckReport check(Configuration c, String folder, CheckMode mode) {
    try (CheckJob check =
        CheckJob.builder(c)
            .diffDirectory(work.resolve(folder))
            .stateDirectory(work.resolve("state"))
            .mode(mode)
            .build()) {
      assertThat(check.readPlan()).contains("compared again");
      return check.run();
    }
  }

  @ParameterizedTest(name = "strong reads {0}, target.type = {1}")
  @CsvSource({"REFUSED, dynamodb", "IGNORED, polardb"})
  void theWholeJourneyEndsIdenticalWithTwoSecondsOfReplicaLag(StrongReads reads, String type)
      throws Exception {
    polardb
        .strongReads(reads)
        .atomicBatches(item -> item.has("poison"))
        .pageLimit(100)
        .noConsumedCapacity()
        .refuseKeyProjections()
        .tableNotFoundCode()
        .unprocessedKeysMisnamed()
        .replicaLag(2000);
    TestTables.createHashOnly(source.client(), TABLE, "id", ScalarAttributeType.S);
    TestTables.enableStream(source.client(), TABLE);
    TestTables.seed(source.client(), TABLE, "id", ITEMS, 3);
    Configuration c = TestConfigs.shake(raw(type));

    // stage 1 and 2: copy and follow, the checkpoint on the target, a live writer on the source
    try (SyncJob job = SyncJob.builder(c).build()) {
      CompletableFuture<SyncReport> run = Jobs.runAsync(job);
      LiveWriter traffic = new LiveWriter(source.newClient(), TABLE, ITEMS, 40).start();
      io.nimo.core.testkit.Await.until(
          "changes applied while following the stream",
          Duration.ofSeconds(90),
          () -> job.streamProgress().values().stream().anyMatch(p -> p.snapshot(0).applied() > 20));
      traffic.stop();
      TableContents.assertConverges(source.client(), target.client(), TABLE);
      job.stop();
      assertThat(run.get(60, TimeUnit.SECONDS).outcome())
          .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
    }

    // stage 3: right after the sync, with reads lagging, the check must still be exact
    CheckReport first = check(c, "diff1", CheckMode.FULL);
    assertThat(first.consistent()).as("first check %s", first).isTrue();

    // corrupt the target behind the endpoint: one missing, one different, one extra
    var keys = TableContents.read(source.client(), TABLE).keySet().stream().sorted().toList();
    String gone = keys.get(1).replaceAll(".*S:", "");
    String changed = keys.get(2).replaceAll(".*S:", "");
    target.client().deleteItem(b -> b.tableName(TABLE).key(Map.of("id", TestItems.s(gone))));
    target
        .client()
        .updateItem(
            b ->
                b.tableName(TABLE)
                    .key(Map.of("id", TestItems.s(changed)))
                    .updateExpression("SET corrupted = :v")
                    .expressionAttributeValues(Map.of(":v", TestItems.s("yes"))));
    target.client().putItem(b -> b.tableName(TABLE).item(Map.of("id", TestItems.s("ghost"))));
    CheckReport corrupt = check(c, "diff2", CheckMode.FULL);
    TableCheck t = corrupt.tables().get(0);
    assertThat(List.of(t.missing(), t.different(), t.extra())).containsExactly(1L, 1L, 1L);
    assertThat(DiffFiles.read(t.diffFile()))
        .extracting(d -> d.key().values().get("id").s())
        .containsExactlyInAnyOrder(gone, changed, "ghost");

    // stage 4: repair verifies what it wrote through the lagging reads
    try (RepairJob repair =
        RepairJob.builder(c)
            .diffDirectory(work.resolve("diff2"))
            .stateDirectory(work.resolve("state"))
            .verifyWithin(CheckOptions.REPAIR_VERIFY_WITHIN.defaultValue())
            .build()) {
      TableRepair r = repair.run().get(0);
      assertThat(r.complete()).as("repair %s", r).isTrue();
      assertThat(r.readAgain()).as("keys read back stale at first").isPositive();
    }
    // a change the sync has just written through the endpoint is not yet visible on its replica
    var fresh = Map.of("id", TestItems.s("fresh"), "v", TestItems.n("1"));
    source.client().putItem(b -> b.tableName(TABLE).item(fresh));
    try (var viaEndpoint = io.nimo.core.testkit.DynamoLocal.client(polardb.endpoint())) {
      viaEndpoint.putItem(b -> b.tableName(TABLE).item(fresh));
    }
    CheckReport after = check(c, "diff3", CheckMode.FULL);
    assertThat(after.consistent()).as("check after repair %s", after).isTrue();
    assertThat(after.tables().get(0).resolved())
        .as("a difference not yet visible on the first pass was gone on the recheck")
        .isEqualTo(1);
    assertThat(TableContents.diff(source.client(), target.client(), TABLE)).isEmpty();

    // the runbook's final check of what changed since the last clean full check
    source.client().putItem(b -> b.tableName(TABLE).item(Map.of("id", TestItems.s("late"))));
    target.client().putItem(b -> b.tableName(TABLE).item(Map.of("id", TestItems.s("late"))));
    assertThat(check(c, "diff4", CheckMode.CHANGED).consistent()).isTrue();

    assertThat(polardb.staleReads.get()).as("reads served from the lagging replica").isPositive();
    assertThat(polardb.pagesCut.get()).as("Scan pages cut to 100").isPositive();
    assertThat(polardb.keysMisreported.get()).as("unprocessed keys misnamed").isPositive();
    if (reads == StrongReads.REFUSED) {
      assertThat(polardb.strongReadsRefused.get())
          .as("learnt once per endpoint, not once per read")
          .isBetween(1, 4);
    } else {
      assertThat(polardb.strongReadsIgnored.get())
          .as("never asked with target.type = polardb")
          .isZero();
    }
  }

  @org.junit.jupiter.api.Test
  void anItemThatFailsAnAtomicBatchIsFoundAndNamedAndTheOthersAreWritten() throws Exception {
    polardb.atomicBatches(item -> item.has("poison")).tableNotFoundCode();
    TestTables.createHashOnly(source.client(), TABLE, "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), TABLE, "id", 60, 5);
    source
        .client()
        .putItem(
            b ->
                b.tableName(TABLE)
                    .item(Map.of("id", TestItems.s("bad-one"), "poison", TestItems.s("x"))));
    Map<String, String> raw = raw("polardb");
    raw.put("sync_mode", "full");
    raw.put("retry.budget", "20s");
    SyncReport report;
    try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
      report = job.run();
    }
    assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
    assertThat(report.tables().get(0).error()).contains("bad-one").contains(TABLE);
    assertThat(polardb.batchesRefused.get()).as("the batch was refused as a whole").isPositive();
    assertThat(TableContents.read(target.client(), TABLE))
        .as("the batch's other items, written one by one")
        .hasSizeGreaterThan(0)
        .doesNotContainKey("id=S:bad-one");
  }
}
