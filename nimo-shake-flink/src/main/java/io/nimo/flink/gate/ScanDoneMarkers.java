package io.nimo.flink.gate;

import io.nimo.flink.item.ItemRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The end-of-Scan markers one Scan reader sends: one per key group, each with a routing key that
 * lands in that group, so every parallel {@link ChangeGate} receives it on the same channel as, and
 * after, every item that reader emitted.
 */
public final class ScanDoneMarkers {
  /**
   * The job's max parallelism (key groups) once it has a stream phase: fixed, so markers reach
   * every group and savepoints stay compatible. It caps the writers' parallelism.
   */
  public static final int KEY_GROUPS = 1024;

  private static volatile List<String> keys;

  private ScanDoneMarkers() {}

  /**
   * The markers of one reader.
   *
   * @param reader the reader's subtask index
   * @param readers the Scan source's parallelism
   * @return one marker per key group
   */
  public static List<ItemRecord> of(int reader, int readers) {
    List<ItemRecord> out = new ArrayList<>(KEY_GROUPS);
    for (String k : routingKeys()) {
      out.add(ItemRecord.scanDone(k, reader, readers));
    }
    return out;
  }

  static List<String> routingKeys() {
    List<String> found = keys;
    if (found == null) {
      String[] byGroup = new String[KEY_GROUPS];
      int missing = KEY_GROUPS;
      for (int i = 0; missing > 0; i++) {
        String candidate = "\u0001scan-done-" + i;
        int group = KeyGroupRangeAssignment.assignToKeyGroup(candidate, KEY_GROUPS);
        if (byGroup[group] == null) {
          byGroup[group] = candidate;
          missing--;
        }
      }
      found = List.of(byGroup);
      keys = found;
    }
    return found;
  }
}
