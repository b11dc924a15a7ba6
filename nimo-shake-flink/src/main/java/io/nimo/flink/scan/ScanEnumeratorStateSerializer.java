package io.nimo.flink.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes the enumerator's {@link ScanEnumeratorState} into checkpoints. Version 2 added the done
 * segments, version 3 the export each pending split reads.
 */
final class ScanEnumeratorStateSerializer
    implements SimpleVersionedSerializer<ScanEnumeratorState> {

  @Override
  public int getVersion() {
    return 3;
  }

  @Override
  public byte[] serialize(ScanEnumeratorState state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(state.segments().size());
      for (Map.Entry<String, Integer> e : state.segments().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue());
      }
      out.writeInt(state.pending().size());
      for (ScanSplit s : state.pending()) {
        ScanSplitSerializer.write(out, s);
      }
      out.writeInt(state.done().size());
      for (String id : state.done()) {
        out.writeUTF(id);
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public ScanEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version < 1 || version > 3) {
      throw new IOException("unknown Scan enumerator state version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      Map<String, Integer> segments = new LinkedHashMap<>();
      for (int n = in.readInt(); n > 0; n--) {
        segments.put(in.readUTF(), in.readInt());
      }
      List<ScanSplit> pending = new ArrayList<>();
      for (int n = in.readInt(); n > 0; n--) {
        pending.add(ScanSplitSerializer.read(in, version >= 3 ? 2 : 1));
      }
      Set<String> done = new LinkedHashSet<>();
      // version 1 (an earlier release) kept no progress
      for (int n = version >= 2 ? in.readInt() : 0; n > 0; n--) {
        done.add(in.readUTF());
      }
      return new ScanEnumeratorState(segments, pending, done);
    }
  }
}
