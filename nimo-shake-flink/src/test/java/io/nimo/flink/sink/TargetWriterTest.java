package io.nimo.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.testkit.UnsupportedTarget;
import io.nimo.flink.item.ItemRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Flink writer keeps several batches in flight as nimo-shake's writer threads do, keeps each
 * key's writes in order, writes everything before a checkpoint and fails on a refused write; a fake
 * at nimo's Target seam records the calls.
 */
class TargetWriterTest {
  private static final KeySchema KEYS = new KeySchema("id", null);

  /** Records every write; may hold writes until several are waiting at once. */
  static final class Recording extends UnsupportedTarget {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final CountDownLatch together;
    volatile RuntimeException refuse;

    Recording(int together) {
      super("orders");
      this.together = new CountDownLatch(together);
    }

    private void enter() {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      together.countDown();
      try {
        together.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (refuse != null) {
        throw refuse;
      }
    }

    @Override
    public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
      enter();
      items.forEach(i -> log.add("image " + i.get("id").s() + " " + i.get("v").n()));
      now.decrementAndGet();
      return new WriteResult(items.size(), 0, 0);
    }

    @Override
    public WriteResult apply(List<ChangeEvent> events) {
      enter();
      events.forEach(
          e ->
              log.add(
                  e.kind()
                      + " "
                      + e.key().values().get("id").s()
                      + (e.newImage() == null ? "" : " " + e.newImage().get("v").n())));
      now.decrementAndGet();
      return new WriteResult(events.size(), 0, 0);
    }
  }

  private static TargetWriter writer(Target target, int batch, int lanes) {
    TargetSession session =
        new TargetSession() {
          @Override
          public Target table(String name, KeySchema keys) {
            return target;
          }

          @Override
          public void close() {}
        };
    return new TargetWriter(
        session,
        t -> KEYS,
        batch,
        lanes,
        "test-writer",
        new WriterProgress(
            new UnregisteredMetricsGroup(), Duration.ofHours(1), Clock.systemUTC(), 0),
        () -> {});
  }

  private static Map<String, AttributeValue> item(String id, int v) {
    return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromN("" + v));
  }

  private static ItemRecord scanned(String id, int v) {
    return ItemRecord.scanned("orders", "id=S:" + id, item(id, v));
  }

  @Test
  void keepsSeveralBatchesInFlightAsNimoShakesWriterThreadsDo() throws Exception {
    Recording target = new Recording(4);
    TargetWriter w = writer(target, 1, 16);
    for (int i = 0; i < 64; i++) {
      w.write(scanned("k" + i, i), null);
    }
    w.flush(false);
    assertThat(target.log).hasSize(64);
    assertThat(target.most.get()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void oneKeysWritesKeepTheirOrderWhileOtherKeysOverlap() throws Exception {
    Recording target = new Recording(1);
    TargetWriter w = writer(target, 2, 8);
    for (int v = 0; v < 50; v++) {
      for (String key : List.of("a", "b", "c", "d", "e")) {
        w.write(
            v % 3 == 0
                ? scanned(key, v)
                : ItemRecord.change("orders", "id=S:" + key, item(key, v), false),
            null);
      }
    }
    w.flush(false);
    for (String key : List.of("a", "b", "c", "d", "e")) {
      List<Integer> versions =
          target.log.stream()
              .filter(l -> l.split(" ")[1].equals(key))
              .map(l -> Integer.parseInt(l.split(" ")[2]))
              .toList();
      assertThat(versions).as("writes of key %s", key).hasSize(50).isSorted();
    }
  }

  @Test
  void aCheckpointWaitsForEveryBufferedAndInFlightWrite() throws Exception {
    Recording target = new Recording(1);
    TargetWriter w = writer(target, 100, 4);
    for (int i = 0; i < 30; i++) {
      w.write(scanned("k" + i, i), null);
    }
    assertThat(target.log).as("below a batch, nothing sent yet").isEmpty();
    w.flush(false);
    assertThat(target.log).hasSize(30);
  }

  @Test
  void aRefusedWriteFailsTheNextElementOrCheckpoint() throws Exception {
    Recording target = new Recording(1);
    target.refuse = new IllegalStateException("item {id=S:k1} refused: too large");
    TargetWriter w = writer(target, 1, 2);
    w.write(scanned("k1", 1), null);
    assertThatThrownBy(() -> w.flush(false)).hasMessageContaining("id=S:k1");
  }

  @Test
  void anItemTheTargetRefusesForGoodStopsTheJobWithoutRestartsNamingItsKey() throws Exception {
    Recording target = new Recording(1);
    target.refuse =
        new ItemWriteException(
            "orders",
            new ItemKey(Map.of("id", AttributeValue.fromS("k9"))),
            new IllegalArgumentException("document too large"));
    TargetWriter w = writer(target, 1, 1);
    w.write(scanned("k9", 1), null);
    assertThatThrownBy(() -> w.flush(false))
        .isInstanceOf(SuppressRestartsException.class)
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .cause()
        .hasMessageContaining("k9")
        .hasMessageContaining("orders");
  }
}
