package io.nimo.core.sync.full;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.SegmentCheckpoint;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.source.ScanPage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SegmentTrackerTest {

  private static ScanPage page(int segment, int items, String lastKey) {
    return new ScanPage(
        segment,
        Collections.nCopies(items, Map.of("id", AttributeValue.fromS("x"))),
        lastKey == null ? null : Map.of("id", AttributeValue.fromS(lastKey)),
        items);
  }

  @Test
  void advancesOnlyOverContiguousFullyWrittenPages() {
    SegmentTracker t = new SegmentTracker(TableCheckpoint.prepared("t", 2));
    PageTicket p1 = t.register(page(0, 3, "k1"));
    PageTicket p2 = t.register(page(0, 2, "k2"));
    PageTicket p3 = t.register(page(0, 1, null));
    t.ack(p2, 2);
    t.ack(p3, 1);
    assertThat(t.drainDirty()).isEmpty();
    t.ack(p1, 2);
    assertThat(t.drainDirty()).isEmpty();
    t.ack(p1, 1);
    List<SegmentCheckpoint> moved = t.drainDirty();
    assertThat(moved)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.segment()).isZero();
              assertThat(s.lastKey()).isNull();
              assertThat(s.done()).isTrue();
              assertThat(s.itemsWritten()).isEqualTo(6);
            });
    assertThat(t.allDone()).isFalse();
  }

  @Test
  void emptyPagesAdvanceAtOnceAndFinishTheSegment() {
    SegmentTracker t = new SegmentTracker(TableCheckpoint.prepared("t", 1));
    t.register(page(0, 0, "k1"));
    assertThat(t.committed(0).lastKey()).containsEntry("id", AttributeValue.fromS("k1"));
    t.register(page(0, 0, null));
    assertThat(t.allDone()).isTrue();
    assertThat(t.drainDirty()).singleElement().satisfies(s -> assertThat(s.done()).isTrue());
  }

  @Test
  void resumesFromTheCheckpointedPositionAndCount() {
    TableCheckpoint cp =
        new TableCheckpoint(
            "t",
            true,
            1,
            Map.of(
                0, new SegmentCheckpoint(0, Map.of("id", AttributeValue.fromS("k9")), 900, false)),
            false);
    SegmentTracker t = new SegmentTracker(cp);
    assertThat(t.committed(0).lastKey()).containsEntry("id", AttributeValue.fromS("k9"));
    PageTicket p = t.register(page(0, 10, null));
    t.ack(p, 10);
    assertThat(t.committed(0).itemsWritten()).isEqualTo(910);
    assertThat(t.allDone()).isTrue();
  }
}
