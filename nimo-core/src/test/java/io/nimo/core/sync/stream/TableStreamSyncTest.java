package io.nimo.core.sync.stream;

import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.StreamCheckpoint;
import io.nimo.core.dynamo.StreamView;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.stream.ChangeSink;
import io.nimo.core.source.stream.ShardReader;
import io.nimo.core.source.stream.StreamPositionLostException;
import io.nimo.core.sync.run.SourceSide;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One table's stream follower, with fakes at the Streams and sink seams: shards discovered and read
 * parent first, positions saved, a stale start refused, a failing sink ends the run with its error.
 */
class TableStreamSyncTest {
  private static final String ARN = "arn:orders/stream/1";
  private static final KeySchema KEYS = new KeySchema("id", null);
  private static final TableSchema SCHEMA =
      TableSchema.of("orders", KEYS, Map.of("id", KeyAttributeType.S));

  private final ScriptedStreamsApi stream = new ScriptedStreamsApi();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final StreamProgress progress = new StreamProgress("orders");

  private final UnsupportedDynamoClient source =
      new UnsupportedDynamoClient() {
        @Override
        public TableInfo describeTable(String table) {
          return new TableInfo(
              SCHEMA, TableInfo.Status.ACTIVE, true, StreamView.NEW_AND_OLD_IMAGES, ARN, 0, 0);
        }
      };

  /** Keeps every saved delta, in order. */
  private static final class RecordingStore implements CheckpointStore {
    final List<JobState.Delta> saved = new CopyOnWriteArrayList<>();

    @Override
    public JobState load(String jobId) {
      throw new AssertionError("a table's follower never loads");
    }

    @Override
    public void save(JobState.Delta delta) {
      saved.add(delta);
    }

    @Override
    public String describe() {
      return "memory";
    }

    List<ShardCheckpoint> positions(String shard) {
      return saved.stream()
          .filter(d -> d instanceof JobState.Delta.ShardsAdvanced)
          .flatMap(d -> ((JobState.Delta.ShardsAdvanced) d).shards().stream())
          .filter(c -> c.shardId().equals(shard))
          .toList();
    }
  }

  /** Applies changes by recording their ids; can refuse every page. */
  private static final class RecordingSink implements ChangeSink {
    final List<String> applied = new CopyOnWriteArrayList<>();
    volatile boolean refuses;

    @Override
    public ShardCheckpoint open(ShardCheckpoint start, Consumer<ShardCheckpoint> checkpoint) {
      return start;
    }

    @Override
    public long accept(String shardId, List<ChangeEvent> events, long newestCreatedMillis) {
      if (refuses) {
        throw new IllegalStateException("target refused the page");
      }
      events.forEach(e -> applied.add(e.key().values().get("id").s()));
      return events.size();
    }

    @Override
    public ShardCheckpoint.Status readingStatus() {
      return ShardCheckpoint.Status.READING;
    }

    @Override
    public ShardCheckpoint.Status closedStatus() {
      return ShardCheckpoint.Status.DONE;
    }

    @Override
    public boolean settled(ShardCheckpoint.Status status) {
      return status.finished();
    }
  }

  private final RecordingStore store = new RecordingStore();
  private final RecordingSink sink = new RecordingSink();

  private TableStreamSync follower() {
    IncrSettings settings =
        new IncrSettings(
            4,
            new ShardReader.Settings(1_000, 1_000, Duration.ofMillis(20)),
            Duration.ofMillis(100),
            Duration.ofMillis(50),
            Duration.ofSeconds(1),
            Duration.ofMillis(100),
            false,
            false,
            "",
            "job");
    return new TableStreamSync(
        "orders",
        KEYS,
        new SourceSide(source, stream, TestRetriers.dynamo(Duration.ofSeconds(5))),
        store,
        Clock.systemUTC(),
        sink,
        settings,
        progress,
        stop);
  }

  private CompletableFuture<Void> runAsync(StreamCheckpoint start) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            follower().run(start);
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
  }

  private static StreamCheckpoint fresh() {
    return new StreamCheckpoint("orders", ARN, Map.of(), 0);
  }

  private void write(String shard, String... ids) {
    for (String id : ids) {
      stream.put(shard, Map.of("id", s(id)), "id");
    }
  }

  @Test
  void aChildShardIsReadOnlyAfterItsParentIsFullyApplied() throws Exception {
    stream.shard("parent", null).shard("child", "parent");
    write("parent", "p1", "p2", "p3");
    write("child", "c1", "c2");
    stream.close("parent");

    CompletableFuture<Void> run = runAsync(fresh());
    Await.until("every change applied", Duration.ofSeconds(20), () -> sink.applied.size() == 5);
    stop.set(true);
    run.get(20, TimeUnit.SECONDS);

    assertThat(sink.applied).containsExactly("p1", "p2", "p3", "c1", "c2");
    assertThat(store.saved.get(0)).isInstanceOf(JobState.Delta.StreamConfirmed.class);
    assertThat(store.positions("parent"))
        .last()
        .satisfies(c -> assertThat(c.status()).isEqualTo(ShardCheckpoint.Status.DONE));
    assertThat(store.positions("child"))
        .last()
        .satisfies(c -> assertThat(c.sequenceNumber()).isNotNull());
  }

  @Test
  void aShardThatAppearsWhileFollowingIsDiscoveredAndRead() throws Exception {
    stream.shard("s1", null);
    write("s1", "a");
    CompletableFuture<Void> run = runAsync(fresh());
    Await.until("the first change", Duration.ofSeconds(20), () -> sink.applied.contains("a"));

    stream.close("s1").shard("s2", "s1");
    write("s2", "b");
    Await.until("the new shard's change", Duration.ofSeconds(20), () -> sink.applied.contains("b"));
    stop.set(true);
    run.get(20, TimeUnit.SECONDS);

    assertThat(sink.applied).containsExactly("a", "b");
    assertThat(progress.snapshot(0).shards()).containsKeys("s1", "s2");
  }

  @Test
  void aStopEndsTheRunAndKeepsTheLastAppliedPosition() throws Exception {
    stream.shard("s1", null);
    write("s1", "a", "b", "c");
    CompletableFuture<Void> run = runAsync(fresh());
    Await.until("three changes", Duration.ofSeconds(20), () -> sink.applied.size() == 3);

    stop.set(true);
    run.get(10, TimeUnit.SECONDS);

    ShardCheckpoint last = store.positions("s1").get(store.positions("s1").size() - 1);
    assertThat(last.status()).isEqualTo(ShardCheckpoint.Status.READING);
    assertThat(stream.reads.get(stream.reads.size() - 1)).isEqualTo("s1:" + last.sequenceNumber());
  }

  @Test
  void aSinkFailureEndsTheRunWithThatError() {
    stream.shard("s1", null);
    write("s1", "a");
    sink.refuses = true;

    assertThatThrownBy(() -> runAsync(fresh()).get(20, TimeUnit.SECONDS))
        .hasRootCauseMessage("target refused the page");
    assertThat(sink.applied).isEmpty();
  }

  @Test
  void aStartNotFollowedForNearlyTheRetentionWithUnreadShardsIsRefused() {
    stream.shard("s1", null);
    long dayAgo = System.currentTimeMillis() - Duration.ofHours(24).toMillis();
    StreamCheckpoint stale =
        new StreamCheckpoint(
            "orders",
            ARN,
            Map.of("s1", new ShardCheckpoint("s1", null, null, ShardCheckpoint.Status.PENDING)),
            dayAgo);

    assertThatThrownBy(() -> follower().run(stale))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("[s1]")
        .hasMessageContaining("24 h retention");
  }

  @Test
  void aStaleStartWhoseShardsAllHavePositionsGoesOn() throws Exception {
    stream.shard("s1", null);
    write("s1", "old", "new");
    String first = stream.iterator(ARN, "s1", null, false);
    String oldSeq = stream.records(first, 1).records().get(0).sequenceNumber();
    long dayAgo = System.currentTimeMillis() - Duration.ofHours(24).toMillis();
    StreamCheckpoint stale =
        new StreamCheckpoint(
            "orders",
            ARN,
            Map.of("s1", new ShardCheckpoint("s1", null, oldSeq, ShardCheckpoint.Status.READING)),
            dayAgo);

    CompletableFuture<Void> run = runAsync(stale);
    Await.until(
        "the change after the position", Duration.ofSeconds(20), () -> !sink.applied.isEmpty());
    stop.set(true);
    run.get(20, TimeUnit.SECONDS);

    assertThat(sink.applied).containsExactly("new");
  }
}
