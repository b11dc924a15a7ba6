package io.nimo.flink.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.dynamo.ScanCall;
import io.nimo.core.dynamo.ScanResult;
import io.nimo.core.item.ItemJson;
import io.nimo.core.item.KeySchema;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.ScanSettings;
import io.nimo.core.source.TableScanner;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One Flink Scan reader keeps several Scan calls in flight, one per split, and still hands each
 * split's pages over in order with the page-end marker after the page's items; a fake at nimo's
 * DynamoApi seam holds every call until as many as the reader may make are waiting at once.
 */
class ScanSplitReaderTest {
  private static final int SEGMENTS = 4;
  private static final int PAGES = 3;
  private final ExecutorService calls = Executors.newFixedThreadPool(SEGMENTS);

  /** Three pages of two items per segment; holds calls at a barrier and counts the most at once. */
  static final class Segments extends UnsupportedDynamoApi {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch allWaiting;
    volatile Runnable onCall = () -> {};

    Segments(int expectedAtOnce) {
      allWaiting = new CountDownLatch(expectedAtOnce);
    }

    @Override
    public ScanResult scan(ScanCall call) {
      calls.incrementAndGet();
      onCall.run();
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      allWaiting.countDown();
      try {
        allWaiting.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      now.decrementAndGet();
      int page = call.startKey() == null ? 0 : Integer.parseInt(call.startKey().get("page").n());
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        items.add(Map.of("id", AttributeValue.fromS(call.segment() + "-" + page + "-" + i)));
      }
      Map<String, AttributeValue> next =
          page + 1 < PAGES ? Map.of("page", AttributeValue.fromN("" + (page + 1))) : null;
      return new ScanResult(items, next, items.size());
    }
  }

  @AfterEach
  void stop() {
    calls.shutdownNow();
  }

  private ScanSplitReader reader(Segments api, int inFlight) {
    return reader(api, inFlight, new ScanPause());
  }

  private ScanSplitReader reader(Segments api, int inFlight, ScanPause pause) {
    TableScanner scanner =
        new TableScanner(
            api,
            TestRetriers.manual(new ManualClock()),
            QpsLimiter.system(100_000),
            new ScanSettings(100, "", Map.of()));
    return new ScanSplitReader(
        (split, after) ->
            scanner.page(split.table(), split.segment(), split.totalSegments(), after),
        t -> new KeySchema("id", null),
        inFlight,
        calls,
        () -> {},
        pause);
  }

  private static List<ScanSplit> splits() {
    List<ScanSplit> out = new ArrayList<>();
    for (int s = 0; s < SEGMENTS; s++) {
      out.add(new ScanSplit("orders", s, SEGMENTS, null));
    }
    return out;
  }

  /** Everything the reader hands over until every split finished, per split in order. */
  private static Map<String, List<ScanElement>> drain(ScanSplitReader r) throws Exception {
    Map<String, List<ScanElement>> bySplit = new LinkedHashMap<>();
    int finished = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (finished < SEGMENTS && System.nanoTime() < deadline) {
      RecordsWithSplitIds<ScanElement> batch = r.fetch();
      for (String id = batch.nextSplit(); id != null; id = batch.nextSplit()) {
        for (ScanElement e = batch.nextRecordFromSplit();
            e != null;
            e = batch.nextRecordFromSplit()) {
          bySplit.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
        }
      }
      finished += batch.finishedSplits().size();
    }
    assertThat(finished).as("splits read to their end").isEqualTo(SEGMENTS);
    return bySplit;
  }

  @Test
  void keepsOneScanCallInFlightPerSplitUpToItsLimit() throws Exception {
    Segments api = new Segments(SEGMENTS);
    ScanSplitReader r = reader(api, SEGMENTS);
    r.handleSplitsChanges(new SplitsAddition<>(splits()));
    drain(r);
    assertThat(api.most.get()).isEqualTo(SEGMENTS);
  }

  @Test
  void neverMoreCallsThanTheLimit() throws Exception {
    Segments api = new Segments(1);
    ScanSplitReader r = reader(api, 2);
    r.handleSplitsChanges(new SplitsAddition<>(splits()));
    drain(r);
    assertThat(api.most.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void eachSplitsPagesArriveInOrderWithTheirEndMarkerAfterTheirItems() throws Exception {
    ScanSplitReader r = reader(new Segments(SEGMENTS), SEGMENTS);
    r.handleSplitsChanges(new SplitsAddition<>(splits()));
    Map<String, List<ScanElement>> bySplit = drain(r);
    assertThat(bySplit).hasSize(SEGMENTS);
    bySplit.forEach(
        (id, elements) -> {
          assertThat(elements).hasSize(PAGES * 3);
          for (int page = 0; page < PAGES; page++) {
            List<ScanElement> p = elements.subList(page * 3, page * 3 + 3);
            assertThat(p.get(0).item().get("id").s()).endsWith("-" + page + "-0");
            assertThat(p.get(1).item().get("id").s()).endsWith("-" + page + "-1");
            assertThat(p.get(2).pageEnd()).isTrue();
            String next =
                page + 1 < PAGES
                    ? ItemJson.write(Map.of("page", AttributeValue.fromN("" + (page + 1))))
                    : null;
            assertThat(p.get(2).lastKeyJson()).isEqualTo(next);
          }
        });
  }

  @Test
  void aResumedSplitStartsAfterItsLastKey() throws Exception {
    ScanSplitReader r = reader(new Segments(1), 1);
    String after = ItemJson.write(Map.of("page", AttributeValue.fromN("2")));
    r.handleSplitsChanges(new SplitsAddition<>(List.of(new ScanSplit("orders", 0, 1, after))));
    RecordsWithSplitIds<ScanElement> batch = r.fetch();
    assertThat(batch.nextSplit()).isEqualTo("orders#0/1");
    assertThat(batch.nextRecordFromSplit().item().get("id").s()).isEqualTo("0-2-0");
  }

  /** Fetches once and counts the items handed over. */
  private static int items(ScanSplitReader r) throws Exception {
    RecordsWithSplitIds<ScanElement> batch = r.fetch();
    int n = 0;
    for (String id = batch.nextSplit(); id != null; id = batch.nextSplit()) {
      for (ScanElement e = batch.nextRecordFromSplit();
          e != null;
          e = batch.nextRecordFromSplit()) {
        n += e.pageEnd() ? 0 : 1;
      }
    }
    return n;
  }

  @Test
  void aPausedReaderLetsItsCallsInFlightEndAndStartsNoOtherUntilResumed() throws Exception {
    Segments api = new Segments(1);
    ScanPause pause = new ScanPause();
    api.onCall = () -> pause.set(true); // the pause begins while the first call is in flight
    ScanSplitReader r = reader(api, 1, pause);
    r.handleSplitsChanges(new SplitsAddition<>(List.of(new ScanSplit("orders", 0, 1, null))));
    assertThat(items(r)).as("the page of the call in flight").isEqualTo(2);
    api.onCall = () -> {};
    for (int i = 0; i < 3; i++) {
      assertThat(items(r)).as("nothing while paused").isZero();
    }
    assertThat(api.calls.get()).as("no Scan call while paused").isEqualTo(1);

    pause.set(false);
    int read = 0;
    for (int i = 0; i < 10 && read < 2 * (PAGES - 1); i++) {
      read += items(r);
    }
    assertThat(read).as("the rest once resumed").isEqualTo(2 * (PAGES - 1));
    assertThat(api.calls.get()).isEqualTo(PAGES);
  }

  @Test
  void aReaderPausedBeforeItsFirstSplitMakesNoCallAtAll() throws Exception {
    Segments api = new Segments(1);
    ScanPause pause = new ScanPause();
    pause.set(true);
    ScanSplitReader r = reader(api, 2, pause);
    r.handleSplitsChanges(new SplitsAddition<>(splits()));
    for (int i = 0; i < 3; i++) {
      assertThat(items(r)).isZero();
    }
    assertThat(api.calls.get()).isZero();
    pause.set(false);
    drain(r);
  }
}
