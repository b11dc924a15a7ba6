package io.nimo.core.sync.full;

import io.nimo.core.item.ItemKey;
import io.nimo.core.s3.ObjectStore;
import io.nimo.core.sink.Target;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.export.ExportDataFile;
import io.nimo.core.source.export.ExportFileReader;
import io.nimo.core.source.export.ExportRecord;
import io.nimo.core.source.export.ExportRefusedException;
import io.nimo.core.source.export.FoundExport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the bridging incremental exports after a table's bulk copy, oldest export first, each
 * record as the change it stands for (a new image written, a missing one deleted): the target then
 * holds the table as of the last export's end, which the stream reaches. A file is the unit of
 * progress; applying a file again is harmless (each key's newest state, once per export).
 */
final class BridgeApplier {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeApplier.class);

  private final String table;
  private final Target target;
  private final ObjectStore store;
  private final int batch;

  BridgeApplier(String table, Target target, ObjectStore store, int batch) {
    this.table = table;
    this.target = target;
    this.store = store;
    this.batch = Math.max(1, batch);
  }

  /**
   * Applies the files whose segment is not done yet, in order.
   *
   * @param plan the table's plan (its bridge and where its segments start)
   * @param tracker which segments are done; a file's segment is marked done once applied
   * @param stopped turns true on a stop request (the rest waits for the next run)
   * @return records applied
   */
  long apply(BulkPlan plan, SegmentTracker tracker, BooleanSupplier stopped)
      throws InterruptedException {
    long applied = 0;
    int segment = plan.bulkSegments();
    for (FoundExport export : plan.bridge()) {
      ExportFileReader reader =
          new ExportFileReader(store, export.bucket(), export.summary(), batch);
      for (ExportDataFile file : export.files()) {
        int s = segment++;
        if (tracker.committed(s).done()) {
          continue;
        }
        if (stopped.getAsBoolean()) {
          return applied;
        }
        long[] count = {0};
        reader.read(
            file,
            0,
            (records, offset, last) -> {
              List<ChangeEvent> events = new ArrayList<>(records.size());
              for (ExportRecord r : records) {
                if (!(r instanceof ExportRecord.Change c)) {
                  throw new ExportRefusedException(
                      export.summaryUri(), "holds full images where changes were expected");
                }
                events.add(
                    c.newImage() == null
                        ? new ChangeEvent(
                            ChangeEvent.Kind.REMOVE, new ItemKey(c.keys()), null, null, false)
                        : new ChangeEvent(
                            ChangeEvent.Kind.MODIFY,
                            new ItemKey(c.keys()),
                            c.newImage(),
                            null,
                            false));
              }
              if (!events.isEmpty()) {
                target.apply(events);
              }
              count[0] = offset;
            },
            () -> false);
        tracker.markDone(s, count[0]);
        applied += count[0];
      }
      LOG.info(
          "[stage=full, table={}] incremental export {} applied ({} to {})",
          table,
          export.summary().exportId(),
          export.summary().exportFromTime(),
          export.summary().exportToTime());
    }
    return applied;
  }
}
