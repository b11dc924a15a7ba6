package io.nimo.core.sync.full;

import static io.nimo.core.testkit.TestItems.n;
import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.SegmentCheckpoint;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.source.ScanPage;
import io.nimo.core.sync.hooks.ItemTransformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The middle stage of a table's full sync: transform, filter, batch, acknowledge. */
class ItemConvertStageTest {
  private static final KeySchema KEYS = new KeySchema("id", null);

  private final SegmentTracker tracker = new SegmentTracker(TableCheckpoint.prepared("t", 1));
  private final TableProgress progress = new TableProgress("t");
  private final BlockingQueue<ScannedPage> in = new LinkedBlockingQueue<>();
  private final BlockingQueue<List<WorkItem>> out = new LinkedBlockingQueue<>();

  private static Map<String, AttributeValue> item(int i) {
    return Map.of("id", s("k" + i), "v", n("" + i));
  }

  /** A page of items {@code from..to-1}; the last page of the segment when {@code last}. */
  private void scanned(int from, int to, boolean last) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = from; i < to; i++) {
      items.add(item(i));
    }
    ScanPage page =
        new ScanPage(0, items, last ? null : Map.of("id", s("k" + (to - 1))), items.size());
    in.add(new ScannedPage(page, tracker.register(page)));
  }

  private ItemConvertStage stage(ItemTransformer transformer, int batchSize) {
    return new ItemConvertStage("t", KEYS, transformer, tracker, progress, batchSize, in, out);
  }

  private List<List<WorkItem>> batches() {
    List<List<WorkItem>> all = new ArrayList<>();
    out.drainTo(all);
    return all;
  }

  private void ackAll(List<List<WorkItem>> batches) {
    for (List<WorkItem> b : batches) {
      for (WorkItem w : b) {
        tracker.ack(w.ticket(), 1);
      }
    }
  }

  @Test
  void itemsAreBatchedAcrossPagesAndTheRestHandedOnAtTheEnd() throws Exception {
    scanned(0, 7, false);
    scanned(7, 12, true);
    in.add(ScannedPage.END);

    stage(ItemTransformer.IDENTITY, 5).run();

    List<List<WorkItem>> batches = batches();
    assertThat(batches).extracting(List::size).containsExactly(5, 5, 2);
    assertThat(batches.get(1).get(0).item()).isEqualTo(item(5));
    ackAll(batches);
    assertThat(tracker.allDone()).isTrue();
  }

  @Test
  void skippedItemsAreAcknowledgedAtOnceAndCountedAsFiltered() throws Exception {
    scanned(0, 10, true);
    in.add(ScannedPage.END);
    ItemTransformer evenOnly =
        (table, item) ->
            Integer.parseInt(item.get("v").n()) % 2 == 0 ? Optional.of(item) : Optional.empty();

    stage(evenOnly, 100).run();

    List<List<WorkItem>> batches = batches();
    assertThat(batches).singleElement().satisfies(b -> assertThat(b).hasSize(5));
    assertThat(progress.snapshot().filtered()).isEqualTo(5);
    assertThat(tracker.allDone()).as("half the page is still unwritten").isFalse();
    ackAll(batches);
    assertThat(tracker.allDone()).isTrue();
    SegmentCheckpoint seg = tracker.committed(0);
    assertThat(seg.done()).isTrue();
  }

  private static ItemTransformer changing(
      java.util.function.Consumer<Map<String, AttributeValue>> f) {
    return (table, item) -> {
      Map<String, AttributeValue> copy = new HashMap<>(item);
      f.accept(copy);
      return Optional.of(copy);
    };
  }

  @Test
  void aTransformerMayChangeAttributesOtherThanTheKey() throws Exception {
    scanned(0, 2, true);
    in.add(ScannedPage.END);

    stage(changing(item -> item.put("migrated", s("yes"))), 10).run();

    assertThat(batches().get(0))
        .allSatisfy(w -> assertThat(w.item()).containsEntry("migrated", s("yes")));
  }

  @Test
  void aTransformerThatChangesTheKeyStopsTheTableNamingTheItem() {
    scanned(0, 1, true);
    in.add(ScannedPage.END);

    assertThatThrownBy(() -> stage(changing(item -> item.put("id", s("other"))), 10).run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("changed the key of item {id=S:k0}")
        .hasMessageContaining("table t");
    assertThat(out).isEmpty();
  }

  @Test
  void aTransformerThatDropsTheKeyStopsTheTable() {
    scanned(0, 1, true);
    in.add(ScannedPage.END);

    assertThatThrownBy(() -> stage(changing(item -> item.remove("id")), 10).run())
        .hasMessageContaining("changed the key of item {id=S:k0}");
  }

  @Test
  void aPartBatchIsHandedOnWhenTheScanPausesSoNothingWaitsUnacknowledged() throws Exception {
    BlockingQueue<List<WorkItem>> bounded = new ArrayBlockingQueue<>(4);
    ItemConvertStage stage =
        new ItemConvertStage(
            "t", KEYS, ItemTransformer.IDENTITY, tracker, progress, 100, in, bounded);
    Thread t =
        new Thread(
            () -> {
              try {
                stage.run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "convert-under-test");
    t.start();
    try {
      scanned(0, 3, false);

      List<WorkItem> first = bounded.poll(5, TimeUnit.SECONDS);

      assertThat(first).as("three items, handed on without waiting for a full batch").hasSize(3);
    } finally {
      in.add(ScannedPage.END);
      t.join(5_000);
    }
    assertThat(t.isAlive()).isFalse();
  }
}
