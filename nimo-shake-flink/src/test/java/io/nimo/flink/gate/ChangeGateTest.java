package io.nimo.flink.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.flink.item.ItemRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The gate in Flink's operator harness, every parallel subtask of it, on the job's RocksDB state
 * backend: a scanned image of a key changed during the Scan is dropped until every Scan reader of
 * the current run has sent its end-of-Scan markers, and markers of an earlier parallelism are never
 * counted again after a restore.
 */
class ChangeGateTest {
  private static final int KEY_GROUPS = ScanDoneMarkers.KEY_GROUPS;

  /** One parallel subtask of the gate. */
  private record Subtask(
      KeyedOneInputStreamOperatorTestHarness<String, ItemRecord, ItemRecord> harness,
      int index,
      int parallelism) {

    boolean owns(String routingKey) {
      int group = KeyGroupRangeAssignment.assignToKeyGroup(routingKey, KEY_GROUPS);
      return KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(KEY_GROUPS, parallelism, group)
          == index;
    }

    /** The markers of one Scan reader that reach this subtask. */
    void markers(int reader, int readers) throws Exception {
      for (ItemRecord m : ScanDoneMarkers.of(reader, readers)) {
        if (owns(m.routingKey())) {
          harness.processElement(new StreamRecord<>(m));
        }
      }
    }

    void send(ItemRecord r) throws Exception {
      if (owns(r.routingKey())) {
        harness.processElement(new StreamRecord<>(r));
      }
    }

    List<String> written() {
      return harness.extractOutputValues().stream()
          .filter(r -> r.kind() != ItemRecord.Kind.SCAN_DONE)
          .map(r -> r.kind() + ":" + r.item().get("v").s())
          .toList();
    }
  }

  /** Every subtask of a gate at {@code parallelism}, restored from {@code state} (or fresh). */
  private static List<Subtask> gate(int parallelism, OperatorSubtaskState state, int oldParallelism)
      throws Exception {
    List<Subtask> out = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      var h =
          new KeyedOneInputStreamOperatorTestHarness<>(
              new ChangeGate(), ItemRecord::routingKey, Types.STRING, KEY_GROUPS, parallelism, i);
      h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
      if (state != null) {
        h.initializeState(
            AbstractStreamOperatorTestHarness.repartitionOperatorState(
                state, KEY_GROUPS, oldParallelism, parallelism, i));
      }
      h.open();
      out.add(new Subtask(h, i, parallelism));
    }
    return out;
  }

  /** A checkpoint of every subtask, as one job-wide state, and the subtasks closed. */
  private static OperatorSubtaskState checkpoint(List<Subtask> gate, long id) throws Exception {
    List<OperatorSubtaskState> states = new ArrayList<>();
    for (Subtask s : gate) {
      states.add(s.harness().snapshot(id, id));
      s.harness().close();
    }
    return AbstractStreamOperatorTestHarness.repackageState(
        states.toArray(new OperatorSubtaskState[0]));
  }

  private static ItemRecord image(String id, String v) {
    return ItemRecord.scanned(
        "orders",
        "id=S:" + id,
        Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(v)));
  }

  private static ItemRecord change(String id, String v) {
    return ItemRecord.change(
        "orders",
        "id=S:" + id,
        Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(v)),
        false);
  }

  private static ItemRecord bridged(String id, String v, int version) {
    return ItemRecord.bridged(
        "orders",
        "id=S:" + id,
        Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(v)),
        false,
        version);
  }

  private static ItemRecord bridgeRemoved(String id, int version) {
    return ItemRecord.bridged(
        "orders",
        "id=S:" + id,
        Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS("removed")),
        true,
        version);
  }

  private static long keysHeld(List<Subtask> gate) {
    return gate.stream()
        .mapToLong(s -> ((ChangeGate) s.harness().getOperator()).keysChanged())
        .sum();
  }

  private static List<String> written(List<Subtask> gate) {
    return gate.stream().flatMap(s -> s.written().stream()).toList();
  }

  @Test
  void aScannedImageOfAChangedKeyIsDroppedUntilEveryReaderIsDone() throws Exception {
    List<Subtask> g = gate(2, null, 0);
    for (Subtask s : g) {
      s.send(change("k", "new"));
      s.send(image("k", "old"));
      s.markers(0, 2);
      s.send(image("k", "old-again"));
      s.markers(1, 2);
      s.send(image("k", "after-the-scan"));
    }
    assertThat(written(g)).containsExactly("CHANGED:new", "SCANNED:after-the-scan");
    checkpoint(g, 1);
  }

  @Test
  void markersOfAnEarlierParallelismAreNotCountedAgainAfterRescalingDownAndUp() throws Exception {
    List<Subtask> atFour = gate(4, null, 0);
    for (Subtask s : atFour) {
      s.markers(0, 4); // reader 0 of 4 is through its segments
    }
    List<Subtask> atTwo = gate(2, checkpoint(atFour, 1), 4);
    List<Subtask> again = gate(4, checkpoint(atTwo, 2), 2);
    for (Subtask s : again) {
      s.send(change("k", "changed-during-the-scan"));
      s.markers(1, 4);
      s.markers(2, 4);
      s.markers(3, 4);
      // reader 0, restored too, still scans: its older image must not win
      s.send(image("k", "older-image"));
    }
    assertThat(written(again)).containsExactly("CHANGED:changed-during-the-scan");
    checkpoint(again, 3);
  }

  @Test
  void theScanBeingDoneSurvivesARestoreAtAnotherParallelism() throws Exception {
    List<Subtask> atTwo = gate(2, null, 0);
    for (Subtask s : atTwo) {
      s.markers(0, 2);
      s.markers(1, 2);
    }
    List<Subtask> atFour = gate(4, checkpoint(atTwo, 1), 2);
    for (Subtask s : atFour) {
      s.send(change("k", "c"));
      s.send(image("k", "i"));
    }
    assertThat(written(atFour)).containsExactly("CHANGED:c", "SCANNED:i");
    checkpoint(atFour, 2);
  }

  @Test
  void theCountOfKeysHeldSurvivesARescaledRestoreAndFallsToZeroWhenTheScanIsDone()
      throws Exception {
    List<Subtask> atTwo = gate(2, null, 0);
    for (Subtask s : atTwo) {
      for (int k = 0; k < 20; k++) {
        s.send(change("k" + k, "a"));
        s.send(change("k" + k, "b")); // a key changed twice is held once
      }
    }
    assertThat(keysHeld(atTwo)).isEqualTo(20);
    List<Subtask> atThree = gate(3, checkpoint(atTwo, 1), 2);
    assertThat(keysHeld(atThree)).isEqualTo(20);
    for (Subtask s : atThree) {
      s.send(image("k7", "older"));
      s.markers(0, 3);
      s.markers(1, 3);
      s.markers(2, 3);
    }
    assertThat(written(atThree)).as("the restored flag still drops the older image").isEmpty();
    assertThat(keysHeld(atThree)).isZero();
    checkpoint(atThree, 2);
  }

  /**
   * An export's image (version 0), the incremental exports bridging it to the stream (versions 1,
   * 2) and the stream's changes of one key arrive in any order: what passes, in the order it
   * passes, always ends in the newest state.
   */
  @Test
  void aKeysNewestBulkRecordWinsOverOlderOnesAndAChangeOverAllOfThem() throws Exception {
    List<Subtask> g = gate(2, null, 0);
    for (Subtask s : g) {
      // the bridge's image arrives first: the export's older image of the key is dropped
      s.send(bridged("a", "bridge-1", 1));
      s.send(image("a", "export"));
      // the export's image first: both pass, in order, so the bridge's is written last
      s.send(image("b", "export"));
      s.send(bridged("b", "bridge-1", 1));
      // a later window's record beats an earlier one's, whichever comes first
      s.send(bridged("c", "bridge-2", 2));
      s.send(bridged("c", "bridge-1", 1));
      // a removal in the bridge beats the export's image
      s.send(bridgeRemoved("d", 1));
      s.send(image("d", "export"));
      // a change beats every bulk record of its key
      s.send(change("e", "changed"));
      s.send(bridged("e", "bridge-1", 1));
      s.send(image("e", "export"));
    }
    assertThat(written(g))
        .containsExactlyInAnyOrder(
            "BRIDGED:bridge-1",
            "SCANNED:export",
            "BRIDGED:bridge-1",
            "BRIDGED:bridge-2",
            "BRIDGE_REMOVED:removed",
            "CHANGED:changed");
    for (Subtask s : g) {
      List<String> mine = s.written();
      if (mine.contains("SCANNED:export")) {
        assertThat(mine.indexOf("SCANNED:export"))
            .as("key b: the export's image before the bridge's")
            .isLessThan(mine.lastIndexOf("BRIDGED:bridge-1"));
      }
    }
    checkpoint(g, 1);
  }

  @Test
  void theNewestBulkVersionOfAKeySurvivesARescaledRestore() throws Exception {
    List<Subtask> atTwo = gate(2, null, 0);
    for (Subtask s : atTwo) {
      s.send(bridged("k", "bridge-1", 1));
    }
    List<Subtask> atThree = gate(3, checkpoint(atTwo, 1), 2);
    for (Subtask s : atThree) {
      s.send(image("k", "export-after-restore"));
    }
    assertThat(written(atThree)).isEmpty();
    checkpoint(atThree, 2);
  }
}
