package io.nimo.flink.gate;

import io.nimo.flink.item.ItemRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long Scan from overwriting newer stream changes (sync_mode = all on Flink). Keyed by
 * table and item key, so one key's scanned image and changes pass here in the order they arrive.
 * While the Scan runs, a change is written at once and its key remembered in keyed state; a scanned
 * image of a remembered key is dropped, since the change (recorded after the stream's start
 * position, which predates the Scan) is at least as new. With a bulk copy from an export bridged to
 * the stream by incremental exports, a bridge record is bulk too (a change beats it) but newer than
 * the export's image of its key, and a later window's newer than an earlier one's: the newest
 * window seen per key is kept, and an older bulk record of that key dropped, whichever arrives
 * first. Nothing waits and nothing is lost, and the state holds only a flag per key changed during
 * the Scan: it is cleared once every Scan reader's end-of-Scan marker has arrived here ({@link
 * ScanDoneMarkers}).
 *
 * <p>Which readers' markers arrived is never checkpointed: it belongs to one parallelism, and a job
 * restored at another would count an earlier run's readers again and open the gate while a reader
 * still scans. After a restore every Scan reader sends its markers anew (a reader with nothing left
 * to scan at once), so the gate counts them afresh; only "the Scan is done", true at any
 * parallelism, is kept. Correct only with aligned checkpoints, which the job sets.
 */
public final class ChangeGate extends AbstractStreamOperator<ItemRecord>
    implements OneInputStreamOperator<ItemRecord, ItemRecord> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ChangeGate.class);
  private static final String DONE = "done";

  private final ValueStateDescriptor<Boolean> changedDescriptor =
      new ValueStateDescriptor<>("nimo-changed-during-scan", Boolean.class);
  private final ValueStateDescriptor<Integer> bridgedDescriptor =
      new ValueStateDescriptor<>("nimo-bridged-during-scan", Integer.class);
  private transient ValueState<Boolean> changed;
  private transient ValueState<Integer> bridged;
  private transient ListState<String> progress;
  private transient ListState<Long> keyCounts;
  private transient long keys;
  private transient Set<String> seen;
  private transient boolean scanDone;
  private transient Counter superseded;

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    progress =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("nimo-scan-readers-done", String.class));
    keyCounts =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("nimo-gate-keys", Long.class));
    // split among the subtasks on a rescale: the job-wide sum stays right
    for (Long n : keyCounts.get()) {
      keys += n;
    }
    seen = new HashSet<>();
    for (String s : progress.get()) {
      // markers counted by an earlier run (a state before this release) are left behind
      scanDone |= DONE.equals(s);
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    changed = getKeyedStateStore().getState(changedDescriptor);
    bridged = getKeyedStateStore().getState(bridgedDescriptor);
    superseded = getMetricGroup().counter("nimoScanImagesSuperseded");
    getMetricGroup().gauge("nimoGateKeysChangedDuringScan", (Gauge<Long>) this::keysChanged);
  }

  @Override
  public void processElement(StreamRecord<ItemRecord> element) throws Exception {
    ItemRecord r = element.getValue();
    switch (r.kind()) {
      case SCAN_DONE -> readerDone(r);
      case SCANNED, BRIDGED, BRIDGE_REMOVED -> {
        if (scanDone || newestBulk(r.version())) {
          output.collect(element);
        } else {
          superseded.inc();
        }
      }
      case CHANGED, REMOVED -> {
        if (!scanDone && changed.value() == null) {
          changed.update(Boolean.TRUE);
          keys++;
        }
        output.collect(element);
      }
    }
  }

  /**
   * Whether a bulk record of this key is the newest seen: no change of the key arrived, and no
   * bridge record of a later window (an export's image is version 0, the bridge's windows 1, 2...).
   * A bridge record that passes is remembered, so an older image arriving after it is dropped.
   */
  private boolean newestBulk(int version) throws Exception {
    if (Boolean.TRUE.equals(changed.value())) {
      return false;
    }
    Integer seen = bridged.value();
    if (seen != null && seen > version) {
      return false;
    }
    if (version > 0 && (seen == null || seen < version)) {
      bridged.update(version);
    }
    return true;
  }

  private void readerDone(ItemRecord marker) throws Exception {
    if (scanDone || !seen.add(marker.reader() + "/" + marker.readers())) {
      return;
    }
    String suffix = "/" + marker.readers();
    if (seen.stream().filter(s -> s.endsWith(suffix)).count() < marker.readers()) {
      return;
    }
    scanDone = true;
    seen.clear();
    keys = 0;
    getKeyedStateBackend()
        .applyToAllKeys(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            changedDescriptor,
            (key, state) -> state.clear());
    getKeyedStateBackend()
        .applyToAllKeys(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            bridgedDescriptor,
            (key, state) -> state.clear());
    LOG.info(
        "[stage=incr-flink] the Scan is done on all {} reader(s): changes flow without checks from"
            + " now on ({} scanned image(s) were older than a change and dropped here)",
        marker.readers(),
        superseded.getCount());
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    progress.update(scanDone ? List.of(DONE) : List.of());
    keyCounts.update(List.of(keys));
  }

  /** Keys held here because they changed during the Scan (the state that grows with the table). */
  long keysChanged() {
    return keys;
  }
}
