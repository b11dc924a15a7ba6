package io.nimo.flink.scan;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Scan segments are read to their end, per table: a log line per segment and two gauges per
 * table ({@code nimoScanSegmentsDone}, {@code nimoScanSegmentsTotal}). Kept in the enumerator's
 * checkpoints, so the counts survive a restore.
 */
final class SegmentTally {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentTally.class);

  private final Map<String, Integer> totals;
  private final Set<String> done;

  SegmentTally(Map<String, Integer> totals, Collection<String> done) {
    this.totals = totals;
    this.done = new LinkedHashSet<>(done);
  }

  void register(MetricGroup metrics) {
    totals.forEach(
        (table, total) -> {
          MetricGroup g = metrics.addGroup("table", table);
          g.gauge("nimoScanSegmentsDone", (Gauge<Long>) () -> doneOf(table));
          g.gauge("nimoScanSegmentsTotal", (Gauge<Integer>) () -> total);
        });
  }

  void done(Collection<String> splitIds) {
    for (String id : splitIds) {
      if (done.add(id)) {
        String table = tableOf(id);
        LOG.info(
            "[stage=full-flink, table={}] segment {} read to its end: {} of {} segment(s) done",
            table,
            id.substring(table.length() + 1),
            doneOf(table),
            totals.getOrDefault(table, 0));
      }
    }
  }

  /** A segment given back by a failed reader is not done after all. */
  void undone(Collection<String> splitIds) {
    done.removeAll(splitIds);
  }

  long doneOf(String table) {
    return done.stream().filter(id -> tableOf(id).equals(table)).count();
  }

  Set<String> done() {
    return Set.copyOf(done);
  }

  /** A split id is {@code table#segment/total}; table names have no {@code #}. */
  private static String tableOf(String splitId) {
    return splitId.substring(0, splitId.lastIndexOf('#'));
  }
}
