package io.nimo.flink.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes the enumerator's {@link ScanEnumeratorState} into checkpoints. */
final class ScanEnumeratorStateSerializer
    implements SimpleVersionedSerializer<ScanEnumeratorState> {

  @Override
  public int getVersion() {
    return 1;
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
    }
    return bytes.toByteArray();
  }

  @Override
  public ScanEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1) {
      throw new IOException("unknown Scan enumerator state version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      Map<String, Integer> segments = new LinkedHashMap<>();
      for (int n = in.readInt(); n > 0; n--) {
        segments.put(in.readUTF(), in.readInt());
      }
      List<ScanSplit> pending = new ArrayList<>();
      for (int n = in.readInt(); n > 0; n--) {
        pending.add(ScanSplitSerializer.read(in));
      }
      return new ScanEnumeratorState(segments, pending);
    }
  }
}
