package io.nimo.core.sync.full;

import io.nimo.core.checkpoint.SegmentCheckpoint;
import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.source.ScanPage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Advances each segment's durable position only over contiguous fully-written pages: pages are
 * registered in scan order by the segment's fetcher, acknowledged in any order by writers, and a
 * segment's checkpoint moves to a page's LastEvaluatedKey only when that page and all pages before
 * it are written. Thread-safe.
 */
final class SegmentTracker {
  private final Map<Integer, ArrayDeque<PageTicket>> pending = new HashMap<>();
  private final Map<Integer, SegmentCheckpoint> committed = new HashMap<>();
  private final TreeSet<Integer> dirty = new TreeSet<>();

  SegmentTracker(TableCheckpoint start) {
    for (int i = 0; i < start.totalSegments(); i++) {
      committed.put(i, start.segment(i));
      pending.put(i, new ArrayDeque<>());
    }
  }

  /** Called by the segment's fetcher, in page order. */
  synchronized PageTicket register(ScanPage page) {
    PageTicket t = new PageTicket(page.segment(), page.lastEvaluatedKey(), page.items().size());
    pending.get(page.segment()).addLast(t);
    if (t.items == 0) {
      drain(page.segment());
    }
    return t;
  }

  /** Called by writers once {@code n} items of the ticket's page are stored. */
  void ack(PageTicket t, int n) {
    if (t.remaining.addAndGet(-n) == 0) {
      synchronized (this) {
        drain(t.segment);
      }
    }
  }

  private void drain(int segment) {
    ArrayDeque<PageTicket> q = pending.get(segment);
    SegmentCheckpoint c = committed.get(segment);
    boolean moved = false;
    while (!q.isEmpty() && q.peekFirst().remaining.get() == 0) {
      PageTicket t = q.pollFirst();
      c = new SegmentCheckpoint(segment, t.lastKey, c.itemsWritten() + t.items, t.lastKey == null);
      moved = true;
    }
    if (moved) {
      committed.put(segment, c);
      dirty.add(segment);
    }
  }

  /** Segment positions that moved since the last call. */
  synchronized List<SegmentCheckpoint> drainDirty() {
    List<SegmentCheckpoint> out = new ArrayList<>();
    dirty.forEach(s -> out.add(committed.get(s)));
    dirty.clear();
    return out;
  }

  /**
   * Marks a segment written as a whole (a bridging file, applied outside the pipeline).
   *
   * @param items the records it held
   */
  synchronized void markDone(int segment, long items) {
    committed.put(segment, new SegmentCheckpoint(segment, null, items, true));
    dirty.add(segment);
  }

  /** Whether the first {@code count} segments are written. */
  synchronized boolean doneUpTo(int count) {
    for (int i = 0; i < count; i++) {
      if (!committed.get(i).done()) {
        return false;
      }
    }
    return true;
  }

  /** How far the segments are: written whole, partly written, and all of them. */
  synchronized TableProgress.Segments counts() {
    int done = 0;
    int partly = 0;
    for (SegmentCheckpoint c : committed.values()) {
      if (c.done()) {
        done++;
      } else if (c.lastKey() != null) {
        partly++;
      }
    }
    return new TableProgress.Segments(done, partly, committed.size());
  }

  synchronized boolean allDone() {
    return committed.values().stream().allMatch(SegmentCheckpoint::done);
  }

  synchronized SegmentCheckpoint committed(int segment) {
    return committed.get(segment);
  }
}
