package io.nimo.core.sync.full;

import io.nimo.core.source.SegmentReader;
import io.nimo.core.source.export.FoundExport;
import java.util.List;

/**
 * Where one table's bulk copy reads: its segments (Scan segments, or an export's data files) and,
 * after them, the files of incremental exports that bridge the export to the stream, applied in
 * order.
 *
 * @param reader reads the bulk segments
 * @param bulkSegments how many bulk segments
 * @param bridge the bridging incremental exports, oldest first (empty without one)
 * @param origin what the checkpoint records ({@code scan}, or {@code export} and the exports)
 * @param expectedItems items the bulk holds, when known (an export's manifest), else -1
 */
record BulkPlan(
    SegmentReader reader,
    int bulkSegments,
    List<FoundExport> bridge,
    String origin,
    long expectedItems) {

  BulkPlan {
    bridge = List.copyOf(bridge);
  }

  /** Every segment the checkpoint tracks: the bulk's, then each bridging file. */
  int totalSegments() {
    return bulkSegments + bridge.stream().mapToInt(e -> e.files().size()).sum();
  }
}
