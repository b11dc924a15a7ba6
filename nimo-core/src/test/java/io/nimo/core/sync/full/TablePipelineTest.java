package io.nimo.core.sync.full;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.SegmentCheckpoint;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.config.ExistPolicy;
import io.nimo.core.dynamo.ScanCall;
import io.nimo.core.dynamo.ScanResult;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.JobProgress;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.ScanPage;
import io.nimo.core.source.ScanSettings;
import io.nimo.core.source.TableScanner;
import io.nimo.core.sync.hooks.ItemTransformer;
import io.nimo.core.sync.hooks.SyncListener;
import io.nimo.core.sync.run.SyncRun;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoApi;
import io.nimo.core.testkit.UnsupportedTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The data path of one table with hand-written fakes at its seams: a source that serves items by
 * Scan segment in pages, and a target that records, refuses or blocks writes.
 */
class TablePipelineTest {
  static final int SEGMENTS = 3;
  static final int ITEMS = 95;

  final Map<String, Map<String, AttributeValue>> written = new ConcurrentHashMap<>();
  final TableProgress progress = new TableProgress("t");
  final AtomicBoolean stop = new AtomicBoolean();
  final SyncRun run =
      new SyncRun(
          ItemTransformer.IDENTITY, new SyncListener() {}, new JobProgress(), Map.of(), stop);
  final FullSyncSettings settings =
      new FullSyncSettings(
          1,
          SEGMENTS,
          2,
          2,
          7,
          ExistPolicy.DROP,
          false,
          new ScanSettings(10, "", Map.of()),
          1000,
          Duration.ofMillis(50),
          Duration.ofSeconds(30));

  static String id(Map<String, AttributeValue> item) {
    return item.get("id").s();
  }

  TablePipeline pipeline(SegmentTracker tracker, Target target) {
    TableScanner scanner =
        new TableScanner(
            new SegmentedSource(),
            TestRetriers.dynamo(Duration.ofSeconds(5)),
            QpsLimiter.system(1000),
            settings.scan());
    return new TablePipeline(
        "t", new KeySchema("id", null), scanner, target, tracker, progress, settings, run);
  }

  @Test
  void writesEveryItemOfEverySegmentAndAcknowledgesEachSegmentToItsEnd() throws Exception {
    SegmentTracker tracker = new SegmentTracker(TableCheckpoint.prepared("t", SEGMENTS));
    TablePipeline p = pipeline(tracker, new RecordingTarget());
    p.start(SEGMENTS).get(30, TimeUnit.SECONDS);
    assertThat(p.failure()).isNull();
    assertThat(written).hasSize(ITEMS);
    long total = 0;
    for (int s = 0; s < SEGMENTS; s++) {
      assertThat(tracker.committed(s).done()).as("segment %d", s).isTrue();
      total += tracker.committed(s).itemsWritten();
    }
    assertThat(total).isEqualTo(ITEMS);
    assertThat(progress.snapshot().written()).isEqualTo(ITEMS);
  }

  @Test
  void aSegmentAlreadyDoneIsNotScannedAgain() throws Exception {
    TableCheckpoint start = TableCheckpoint.prepared("t", SEGMENTS);
    Map<Integer, SegmentCheckpoint> segments = new java.util.HashMap<>(start.segments());
    segments.put(1, new SegmentCheckpoint(1, null, 32, true));
    SegmentTracker tracker =
        new SegmentTracker(new TableCheckpoint("t", true, SEGMENTS, segments, false));
    pipeline(tracker, new RecordingTarget()).start(SEGMENTS).get(30, TimeUnit.SECONDS);
    assertThat(written.keySet()).noneMatch(k -> Integer.parseInt(k.substring(1)) % SEGMENTS == 1);
    assertThat(written).hasSize(ITEMS - 32);
  }

  /**
   * A reader that fails before its first page (a damaged export file) while the pipeline is still
   * starting its other stages: the failure kept is the reader's, not the refused start of a stage.
   */
  @RepeatedTest(20)
  void aSegmentThatFailsAtOnceIsTheFailureKeptWhileTheOtherStagesStart() throws Exception {
    SegmentTracker tracker = new SegmentTracker(TableCheckpoint.prepared("t", SEGMENTS));
    TablePipeline p =
        new TablePipeline(
            "t",
            new KeySchema("id", null),
            (table, segment, total, startKey, sink, stopped) -> {
              throw new IllegalStateException("data file " + segment + " is damaged");
            },
            new RecordingTarget(),
            tracker,
            progress,
            settings,
            run);
    p.start(SEGMENTS).handle((r, e) -> null).get(30, TimeUnit.SECONDS);
    assertThat(p.failure()).hasMessageContaining("is damaged");
    assertThat(written).isEmpty();
  }

  /** An export's thousands of data files are read full.read.concurrency at a time, every one. */
  @Test
  void moreSegmentsThanTheReadConcurrencyAreReadThatManyAtATime() throws Exception {
    int files = 12;
    AtomicInteger reading = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    SegmentTracker tracker = new SegmentTracker(TableCheckpoint.prepared("t", files));
    TablePipeline p =
        new TablePipeline(
            "t",
            new KeySchema("id", null),
            (table, segment, total, startKey, sink, stopped) -> {
              most.accumulateAndGet(reading.incrementAndGet(), Math::max);
              LockSupport.parkNanos(5_000_000); // readers overlap, if the pipeline lets them
              reading.decrementAndGet();
              sink.accept(
                  new ScanPage(
                      segment,
                      List.of(Map.of("id", AttributeValue.fromS("f" + segment))),
                      null,
                      1));
            },
            new RecordingTarget(),
            tracker,
            progress,
            settings,
            run);
    p.start(files).get(30, TimeUnit.SECONDS);
    assertThat(p.failure()).isNull();
    assertThat(written).hasSize(files);
    assertThat(most.get()).isBetween(1, settings.segments());
    assertThat(tracker.allDone()).isTrue();
  }

  @Test
  void aRefusedWriteStopsEveryStageKeepsTheFailureAndLeavesTheSegmentUnfinished() throws Exception {
    SegmentTracker tracker = new SegmentTracker(TableCheckpoint.prepared("t", SEGMENTS));
    RecordingTarget refusing =
        new RecordingTarget() {
          @Override
          public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
            if (items.stream().anyMatch(i -> id(i).equals("i40"))) {
              throw new IllegalStateException("item i40 refused");
            }
            return super.writeBatch(items);
          }
        };
    TablePipeline p = pipeline(tracker, refusing);
    p.start(SEGMENTS).handle((r, e) -> null).get(30, TimeUnit.SECONDS);
    assertThat(p.failure()).hasMessage("item i40 refused");
    assertThat(written).doesNotContainKey("i40");
    assertThat(tracker.committed(40 % SEGMENTS).done()).isFalse();
    assertThat(progress.snapshot().failed()).isPositive();
  }

  @Test
  void abortEndsAWriterBlockedOnTheTargetWithoutCountingAFailure() throws Exception {
    SegmentTracker tracker = new SegmentTracker(TableCheckpoint.prepared("t", SEGMENTS));
    CountDownLatch blocked = new CountDownLatch(1);
    RecordingTarget hanging =
        new RecordingTarget() {
          @Override
          public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
            blocked.countDown();
            try {
              new CountDownLatch(1).await(); // an endpoint that never answers
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted", e);
            }
            return WriteResult.EMPTY;
          }
        };
    TablePipeline p = pipeline(tracker, hanging);
    var done = p.start(SEGMENTS);
    assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    p.abort();
    done.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
    assertThat(progress.snapshot().failed()).isZero();
    for (int s = 0; s < SEGMENTS; s++) {
      assertThat(tracker.committed(s).done()).isFalse();
    }
  }

  /** Items {@code i0..i94}, item n in segment n % 3, served in pages of the call's limit. */
  static final class SegmentedSource extends UnsupportedDynamoApi {
    @Override
    public ScanResult scan(ScanCall call) {
      List<Map<String, AttributeValue>> all = new ArrayList<>();
      for (int n = call.segment(); n < ITEMS; n += call.totalSegments()) {
        all.add(Map.of("id", AttributeValue.fromS("i" + n), "n", AttributeValue.fromN("" + n)));
      }
      int from = 0;
      if (call.startKey() != null) {
        String after = call.startKey().get("id").s();
        while (!id(all.get(from)).equals(after)) {
          from++;
        }
        from++;
      }
      int to = Math.min(all.size(), from + call.limit());
      List<Map<String, AttributeValue>> page = all.subList(from, to);
      Map<String, AttributeValue> last =
          to < all.size() ? Map.of("id", page.get(page.size() - 1).get("id")) : null;
      return new ScanResult(page, last, page.size());
    }
  }

  /** Keeps what is written by id. */
  class RecordingTarget extends UnsupportedTarget {
    RecordingTarget() {
      super("t");
    }

    @Override
    public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
      items.forEach(i -> written.put(id(i), i));
      return new WriteResult(items.size(), 0, 0);
    }

    @Override
    public Optional<Map<String, AttributeValue>> read(ItemKey key) {
      return Optional.empty();
    }

    @Override
    public Stream<Map<String, AttributeValue>> scan() {
      return written.values().stream();
    }
  }
}
