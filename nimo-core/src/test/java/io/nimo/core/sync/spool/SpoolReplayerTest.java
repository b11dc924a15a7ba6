package io.nimo.core.sync.spool;

import static io.nimo.core.testkit.TestItems.n;
import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.item.ItemKey;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.UnsupportedTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Replaying a spooled shard: in order and in batches, resumed after a stop or a failed write from
 * the last recorded offset, and the shard's next status recorded only once all is applied.
 */
class SpoolReplayerTest {
  private static final String SHARD = "shardId-0001";

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock();
  private final StreamProgress progress = new StreamProgress("orders");

  /** Applies every batch it is given, in order; can refuse the n-th call. */
  private final class RecordingTarget extends UnsupportedTarget {
    RecordingTarget() {
      super("orders");
    }

    final List<List<String>> batches = new ArrayList<>();
    int failOnCall = -1;

    @Override
    public WriteResult apply(List<ChangeEvent> events) {
      if (batches.size() + 1 == failOnCall) {
        failOnCall = -1;
        throw new IllegalStateException("target refused the batch");
      }
      batches.add(events.stream().map(ChangeEvent::sequenceNumber).toList());
      clock.advance(Duration.ofSeconds(1));
      return new WriteResult(events.size(), 0, 0);
    }

    List<String> applied() {
      return batches.stream().flatMap(List::stream).toList();
    }
  }

  private static ChangeEvent change(int seq) {
    ItemKey key = new ItemKey(Map.of("id", s("k" + (seq % 3))));
    if (seq % 5 == 0) {
      return new ChangeEvent(ChangeEvent.Kind.REMOVE, key, null, String.format("%06d", seq), true);
    }
    Map<String, AttributeValue> image = Map.of("id", s("k" + (seq % 3)), "v", n(seq + ""));
    return new ChangeEvent(ChangeEvent.Kind.MODIFY, key, image, String.format("%06d", seq), false);
  }

  private static List<String> sequence(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(String.format("%06d", i));
    }
    return out;
  }

  /** Ten changes spooled during the full sync. */
  private ShardSpool spoolTen() throws Exception {
    ShardSpool spool = new ShardSpool(dir, SHARD);
    spool.prepare(new ShardCheckpoint(SHARD, null, null, ShardCheckpoint.Status.SPOOLING));
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      events.add(change(i));
    }
    spool.append(events.subList(0, 4), 1_000);
    spool.append(events.subList(4, 10), 2_000);
    return spool;
  }

  private SpoolReplayer replayer(Target target, int batch, BooleanSupplier stopped) {
    return new SpoolReplayer(dir, target, batch, Duration.ofMinutes(1), progress, clock, stopped);
  }

  private static ShardCheckpoint at(ShardCheckpoint.Status status) {
    return new ShardCheckpoint(SHARD, null, "000010", status);
  }

  @Test
  void aClosedShardsSpoolIsAppliedInOrderInBatchesThenTheShardIsDone() throws Exception {
    ShardSpool spool = spoolTen();
    RecordingTarget target = new RecordingTarget();
    List<ShardCheckpoint> recorded = new ArrayList<>();

    ShardCheckpoint next =
        replayer(target, 4, () -> false).replay(at(ShardCheckpoint.Status.SPOOLED), recorded::add);

    assertThat(target.batches).extracting(List::size).containsExactly(4, 4, 2);
    assertThat(target.applied()).isEqualTo(sequence(1, 10));
    assertThat(next.status()).isEqualTo(ShardCheckpoint.Status.DONE);
    assertThat(next.sequenceNumber()).isEqualTo("000010");
    assertThat(recorded).containsExactly(next);
    assertThat(spool.exists()).isFalse();
    assertThat(spool.replayMarked()).isFalse();
    StreamProgress.Snapshot p = progress.snapshot(clock.millis());
    assertThat(p.read()).isEqualTo(10);
    assertThat(p.applied()).isEqualTo(10);
    assertThat(p.ttlDeletes()).isEqualTo(2);
    assertThat(p.batches()).isEqualTo(3);
  }

  @Test
  void anOpenShardGoesOnReadingLiveAfterItsSpool() throws Exception {
    spoolTen();
    RecordingTarget target = new RecordingTarget();

    ShardCheckpoint next =
        replayer(target, 100, () -> false)
            .replay(at(ShardCheckpoint.Status.SPOOLING), position -> {});

    assertThat(target.batches).hasSize(1);
    assertThat(next.status()).isEqualTo(ShardCheckpoint.Status.READING);
  }

  @Test
  void aStoppedReplayResumesAfterTheLastAppliedBatchWithoutLosingAChange() throws Exception {
    ShardSpool spool = spoolTen();
    RecordingTarget first = new RecordingTarget();
    List<ShardCheckpoint> recorded = new ArrayList<>();

    assertThatThrownBy(
            () ->
                replayer(first, 3, () -> first.batches.size() == 2)
                    .replay(at(ShardCheckpoint.Status.SPOOLED), recorded::add))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("stopped at offset");

    assertThat(first.applied()).isEqualTo(sequence(1, 6));
    assertThat(recorded).as("the shard is not done before its spool is").isEmpty();
    assertThat(spool.exists()).isTrue();
    assertThat(spool.replayed()).isPositive();

    RecordingTarget second = new RecordingTarget();
    ShardCheckpoint next =
        replayer(second, 3, () -> false).replay(at(ShardCheckpoint.Status.SPOOLED), recorded::add);

    assertThat(second.applied()).isEqualTo(sequence(7, 10));
    assertThat(next.status()).isEqualTo(ShardCheckpoint.Status.DONE);
    assertThat(recorded).containsExactly(next);
  }

  @Test
  void aRefusedWriteIsCountedAndTheNextRunAppliesThatBatchAgain() throws Exception {
    spoolTen();
    RecordingTarget target = new RecordingTarget();
    target.failOnCall = 2;

    assertThatThrownBy(
            () ->
                replayer(target, 4, () -> false)
                    .replay(at(ShardCheckpoint.Status.SPOOLED), position -> {}))
        .hasMessageContaining("target refused");
    assertThat(progress.snapshot(clock.millis()).applyErrors()).isEqualTo(1);

    ShardCheckpoint next =
        replayer(target, 4, () -> false).replay(at(ShardCheckpoint.Status.SPOOLED), position -> {});

    // nothing was marked within the checkpoint interval: the replay starts over, idempotently
    assertThat(target.applied()).isEqualTo(concat(sequence(1, 4), sequence(1, 10)));
    assertThat(next.status()).isEqualTo(ShardCheckpoint.Status.DONE);
  }

  @Test
  void aSpoolFullyAppliedBeforeACrashIsNotAppliedTwice() throws Exception {
    ShardSpool spool = spoolTen();
    spool.markReplayed(-1);
    spool.deleteSpool();
    RecordingTarget target = new RecordingTarget();
    List<ShardCheckpoint> recorded = new ArrayList<>();

    ShardCheckpoint next =
        replayer(target, 4, () -> false).replay(at(ShardCheckpoint.Status.SPOOLED), recorded::add);

    assertThat(target.batches).isEmpty();
    assertThat(next.status()).isEqualTo(ShardCheckpoint.Status.DONE);
    assertThat(recorded).containsExactly(next);
    assertThat(spool.replayMarked()).isFalse();
  }

  @Test
  void aMissingSpoolIsAnErrorNamingTheShardAndTheKeyToKeep() throws Exception {
    RecordingTarget target = new RecordingTarget();

    assertThatThrownBy(
            () ->
                replayer(target, 4, () -> false)
                    .replay(at(ShardCheckpoint.Status.SPOOLED), position -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SHARD)
        .hasMessageContaining("increase.persist.dir");
    assertThat(target.batches).isEmpty();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
