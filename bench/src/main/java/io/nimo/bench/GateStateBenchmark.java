package io.nimo.bench;

import io.nimo.flink.gate.ChangeGate;
import io.nimo.flink.item.ItemRecord;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the Flink job's change gate keeps per key changed during the Scan: the gate in Flink's
 * operator harness takes {@code N} and then {@code 2N} changes of distinct keys (an {@code S} hash
 * key of 16 characters, as "user-0000000042"), and the checkpoint's size is read after each, on the
 * heap backend (the baseline) and on RocksDB (the job's default), full and incremental. Prints
 * bytes per key (from the difference of the two sizes, so fixed overheads cancel) and RocksDB's
 * ratio to the heap.
 *
 * <p>Usage: {@code GateStateBenchmark --keys N} (default 200000)
 */
public final class GateStateBenchmark {
  private GateStateBenchmark() {}

  public static void main(String[] argv) throws Exception {
    int keys = new Args(argv).getInt("keys", 200_000);
    double heap = perKey(new HashMapStateBackend(), keys, "heap (hashmap), full");
    double full = perKey(new EmbeddedRocksDBStateBackend(false), keys, "RocksDB, full");
    double incremental =
        perKey(new EmbeddedRocksDBStateBackend(true), keys, "RocksDB, incremental");
    System.out.printf(
        "RocksDB / heap: %.2fx (full), %.2fx (incremental)%n", full / heap, incremental / heap);
  }

  private static double perKey(StateBackend backend, int keys, String name) throws Exception {
    long[] sizes = new long[2];
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new ChangeGate(), ItemRecord::routingKey, Types.STRING, 1024, 1, 0)) {
      h.setStateBackend(backend);
      h.setCheckpointStorage(new JobManagerCheckpointStorage(Integer.MAX_VALUE));
      h.open();
      int next = 0;
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < keys; i++, next++) {
          String id = String.format("user-%010d", next);
          h.processElement(
              new StreamRecord<>(
                  ItemRecord.change(
                      "orders",
                      "id=S:" + id,
                      Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromN("1")),
                      false)));
        }
        h.extractOutputValues().clear();
        OperatorSubtaskState state = h.snapshot(round + 1, round + 1);
        sizes[round] = state.getStateSize();
      }
    }
    double perKey = (double) (sizes[1] - sizes[0]) / keys;
    System.out.printf(
        "%-24s %,d keys: checkpoint %,d bytes; %,d keys: %,d bytes; %.1f bytes per key%n",
        name, keys, sizes[0], 2 * keys, sizes[1], perKey);
    return perKey;
  }
}
