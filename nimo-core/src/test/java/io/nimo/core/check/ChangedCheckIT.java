package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.Configuration;
import io.nimo.core.dynamo.DynamoEndpoint;
import io.nimo.core.dynamo.PositionTrimmedException;
import io.nimo.core.dynamo.RecordsPage;
import io.nimo.core.dynamo.SdkStreamsApi;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.item.ItemKey;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * {@code mode = changed} between two real DynamoDB Local servers with nimo-shake's incremental sync
 * running: a clean full check records the epoch, live changes are synced, and the changed check
 * compares exactly the keys changed since, or refuses with the reason.
 */
class ChangedCheckIT {
  private static final int ITEMS = 600;
  private DynamoLocal source;
  private DynamoLocal target;
  @TempDir Path work;
  private Configuration conf;
  private SyncJob sync;
  private CompletableFuture<SyncReport> running;

  @BeforeEach
  void syncing() throws Exception {
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    TestTables.createWithIndexes(source.client(), "orders");
    Random rnd = new Random(11);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      Map<String, AttributeValue> item =
          new java.util.LinkedHashMap<>(
              TestItems.ordinary("pk", TestItems.n(String.valueOf(i % 30)), rnd));
      item.put("sk", TestItems.s("order-" + i));
      items.add(item);
    }
    TestTables.put(source.client(), "orders", items);
    Map<String, String> raw =
        TestConfigs.shakeRaw(source.endpoint(), target.endpoint(), work.resolve("cp"));
    raw.put("sync_mode", "all");
    raw.put("incr.shard_discovery_interval", "500ms");
    conf = TestConfigs.shake(raw);
    sync = SyncJob.builder(conf).build();
    running = Jobs.runAsync(sync);
    Await.until(
        "the incremental phase", Duration.ofSeconds(60), () -> !sync.streamProgress().isEmpty());
    awaitConverged();
  }

  @AfterEach
  void stop() throws Exception {
    stopSync();
    source.close();
    target.close();
  }

  private void stopSync() throws Exception {
    if (sync != null) {
      sync.stop();
      running.get(60, TimeUnit.SECONDS);
      sync.close();
      sync = null;
    }
  }

  private void awaitConverged() throws Exception {
    TableContents.assertConverges(source.client(), target.client(), "orders");
  }

  private CheckJob.Builder check(CheckMode mode, String diffs) {
    return CheckJob.builder(conf)
        .mode(mode)
        .diffDirectory(work.resolve(diffs))
        .stateDirectory(work.resolve("state"));
  }

  private CheckReport run(CheckJob.Builder b) {
    try (CheckJob job = b.build()) {
      return job.run();
    }
  }

  private static Map<String, AttributeValue> key(int i) {
    return Map.of("pk", TestItems.n(String.valueOf(i % 30)), "sk", TestItems.s("order-" + i));
  }

  private void changeSource(int i, String amount) {
    source
        .client()
        .updateItem(
            b ->
                b.tableName("orders")
                    .key(key(i))
                    .updateExpression("SET amount = :a")
                    .expressionAttributeValues(Map.of(":a", TestItems.n(amount))));
  }

  private void corruptTarget(int i) {
    target
        .client()
        .updateItem(
            b ->
                b.tableName("orders")
                    .key(key(i))
                    .updateExpression("SET amount = :a")
                    .expressionAttributeValues(Map.of(":a", TestItems.n("-42"))));
  }

  @Test
  void checksExactlyTheKeysChangedSinceTheLastCleanFullCheck() throws Exception {
    assertThat(run(check(CheckMode.FULL, "d1")).consistent()).isTrue();
    assertThat(work.resolve("state/orders.json")).exists();

    changeSource(1, "101");
    changeSource(2, "102");
    changeSource(2, "103"); // the same key twice: checked once
    source.client().deleteItem(b -> b.tableName("orders").key(key(3)));
    Map<String, AttributeValue> fresh = new java.util.HashMap<>(key(1000));
    fresh.put("amount", TestItems.n("5"));
    source.client().putItem(b -> b.tableName("orders").item(fresh));
    awaitConverged();

    CheckReport changed = run(check(CheckMode.CHANGED, "d2"));
    assertThat(changed.consistent()).isTrue();
    assertThat(changed.tables())
        .singleElement()
        .satisfies(t -> assertThat(t.checked()).isEqualTo(4));

    // a difference on a changed key is found; one on a key unchanged since the epoch is not looked
    // at
    changeSource(4, "104");
    awaitConverged();
    stopSync();
    corruptTarget(4);
    corruptTarget(5);
    CheckReport found = run(check(CheckMode.CHANGED, "d3"));
    assertThat(found.consistent()).isFalse();
    TableCheck orders = found.tables().get(0);
    assertThat(orders.checked()).isEqualTo(5);
    assertThat(DiffFiles.read(orders.diffFile()))
        .containsExactly(
            new Difference(Difference.Kind.DIFFERENT, new ItemKey(key(4)), List.of("amount")));
  }

  @Test
  void aFullPassOverAQuietSourceStillFindsExtrasWhenTheCountsSettleNothing() throws Exception {
    stopSync(); // the source stays quiet from here on
    assertThat(run(check(CheckMode.FULL, "d1")).consistent()).isTrue();

    // an extra key only: the target holds one item more than the source, so the pass runs
    Map<String, AttributeValue> extra = new java.util.HashMap<>(key(5000));
    extra.put("amount", TestItems.n("1"));
    target.client().putItem(b -> b.tableName("orders").item(extra));
    TableCheck one = run(check(CheckMode.FULL, "d2")).tables().get(0);
    assertThat(DiffFiles.read(one.diffFile()))
        .containsExactly(new Difference(Difference.Kind.EXTRA, new ItemKey(key(5000)), List.of()));

    // an extra key and a missing one: equal counts, but the missing key sends it to the pass
    target.client().deleteItem(b -> b.tableName("orders").key(key(7)));
    TableCheck two = run(check(CheckMode.FULL, "d3")).tables().get(0);
    assertThat(two.checked()).isEqualTo(ITEMS);
    assertThat(DiffFiles.read(two.diffFile()))
        .containsExactlyInAnyOrder(
            new Difference(Difference.Kind.MISSING, new ItemKey(key(7)), List.of()),
            new Difference(Difference.Kind.EXTRA, new ItemKey(key(5000)), List.of()));
  }

  @Test
  void refusesWithoutAUsableEpochAndAcceptsAgainAfterARepair() throws Exception {
    assertThatThrownBy(() -> run(check(CheckMode.CHANGED, "d0")))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("mode: ")
        .hasMessageContaining("table orders has no usable epoch")
        .hasMessageContaining("run a full check");
    assertThat(work.resolve("d0")).doesNotExist();

    stopSync();
    corruptTarget(7);
    assertThat(run(check(CheckMode.FULL, "d1")).consistent()).isFalse();
    assertThat(work.resolve("state/orders.failed.json")).exists();
    assertThatThrownBy(() -> run(check(CheckMode.CHANGED, "d2")))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("found differences that no repair has fixed");

    try (RepairJob repair =
        RepairJob.builder(conf)
            .diffDirectory(work.resolve("d1"))
            .stateDirectory(work.resolve("state"))
            .build()) {
      assertThat(repair.run()).singleElement().satisfies(r -> assertThat(r.complete()).isTrue());
    }
    assertThat(work.resolve("state/orders.json")).exists();
    CheckReport after = run(check(CheckMode.CHANGED, "d3"));
    assertThat(after.consistent()).isTrue();
    assertThat(after.tables().get(0).checked()).isZero();
  }

  @Test
  void refusesATableAddedSinceTheLastFullCheckNamingIt() throws Exception {
    assertThat(run(check(CheckMode.FULL, "d1")).consistent()).isTrue();
    TestTables.createHashOnly(
        source.client(),
        "returns",
        "id",
        software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S);
    assertThatThrownBy(() -> run(check(CheckMode.CHANGED, "d2")))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("table returns has no usable epoch")
        .hasMessageNotContaining("table orders");
  }

  @Test
  void refusesAnEpochOlderThanTheStreamsRetentionOrOfAReplacedStream() throws Exception {
    assertThat(run(check(CheckMode.FULL, "d1")).consistent()).isTrue();
    Clock later = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofHours(25));
    assertThatThrownBy(() -> run(check(CheckMode.CHANGED, "d2").clock(later)))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("older than the stream's 24 h retention");

    stopSync();
    source
        .client()
        .updateTable(b -> b.tableName("orders").streamSpecification(s -> s.streamEnabled(false)));
    source
        .client()
        .updateTable(
            b ->
                b.tableName("orders")
                    .streamSpecification(
                        s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    assertThatThrownBy(() -> run(check(CheckMode.CHANGED, "d3")))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("was replaced since the epoch");
  }

  @Test
  void refusesAPositionTrimmedFromTheStream() throws Exception {
    changeSource(8, "108"); // so the epoch holds a sequence number, not "the shard was empty"
    awaitConverged();
    assertThat(run(check(CheckMode.FULL, "d1")).consistent()).isTrue();
    changeSource(9, "109");
    awaitConverged();
    StreamsApi real = SdkStreamsApi.open(DynamoEndpoint.source(conf, 2));
    StreamsApi trimming = new TrimmingStreams(real);
    assertThatThrownBy(() -> run(check(CheckMode.CHANGED, "d2").streams(trimming)))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("was trimmed from the stream");
    assertThat(Files.exists(work.resolve("state/orders.json"))).isTrue();
  }

  @Test
  void aFullPassWhoseEpochCannotBeRecordedStillChecksButLeavesNoEpoch() throws Exception {
    StreamsApi real = SdkStreamsApi.open(DynamoEndpoint.source(conf, 2));
    StreamsApi down =
        new TrimmingStreams(real) {
          @Override
          public List<ShardInfo> shards(String streamArn) {
            throw new IllegalStateException("streams endpoint down (injected)");
          }
        };
    assertThat(run(check(CheckMode.FULL, "d1").streams(down)).consistent()).isTrue();
    assertThat(work.resolve("state/orders.json")).doesNotExist();
    assertThatThrownBy(() -> run(check(CheckMode.CHANGED, "d2")))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("table orders has no usable epoch");
  }

  /** A stream whose every position after a sequence number has aged out (our seam's fake). */
  private static class TrimmingStreams implements StreamsApi {
    private final StreamsApi real;

    TrimmingStreams(StreamsApi real) {
      this.real = real;
    }

    @Override
    public List<ShardInfo> shards(String streamArn) {
      return real.shards(streamArn);
    }

    @Override
    public String iterator(String arn, String shardId, String sequenceNumber, boolean inclusive) {
      if (sequenceNumber != null) {
        throw new PositionTrimmedException(new IllegalStateException("trimmed (injected)"));
      }
      return real.iterator(arn, shardId, null, inclusive);
    }

    @Override
    public String latestIterator(String streamArn, String shardId) {
      return real.latestIterator(streamArn, shardId);
    }

    @Override
    public RecordsPage records(String iterator, int limit) {
      return real.records(iterator, limit);
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
