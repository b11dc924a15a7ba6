package io.nimo.flink.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.flink.item.ItemRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

/** A reader's markers reach every key group, so every parallel gate hears from every reader. */
class ScanDoneMarkersTest {

  @Test
  void oneMarkerPerKeyGroupCarryingTheReader() {
    List<ItemRecord> markers = ScanDoneMarkers.of(2, 5);
    Set<Integer> groups = new HashSet<>();
    for (ItemRecord m : markers) {
      assertThat(m.kind()).isEqualTo(ItemRecord.Kind.SCAN_DONE);
      assertThat(m.reader()).isEqualTo(2);
      assertThat(m.readers()).isEqualTo(5);
      groups.add(
          KeyGroupRangeAssignment.assignToKeyGroup(m.routingKey(), ScanDoneMarkers.KEY_GROUPS));
    }
    assertThat(groups).hasSize(ScanDoneMarkers.KEY_GROUPS);
    assertThat(markers).hasSize(ScanDoneMarkers.KEY_GROUPS);
  }

  @Test
  void markerKeysCannotBeAnItemsKey() {
    ItemRecord item = ItemRecord.scanned("t", "id=S:x", java.util.Map.of());
    assertThat(item.routingKey()).contains("\u0000");
    assertThat(ScanDoneMarkers.of(0, 1))
        .allSatisfy(m -> assertThat(m.routingKey()).startsWith("\u0001"));
  }
}
