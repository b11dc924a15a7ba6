package io.nimo.flink.stream;

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

/** Writes the stream enumerator's state into checkpoints. */
public final class ShardEnumeratorStateSerializer
    implements SimpleVersionedSerializer<ShardEnumeratorState> {

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(ShardEnumeratorState state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(state.streams().size());
      for (Map.Entry<String, String> e : state.streams().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
      out.writeInt(state.shards().size());
      for (TrackedShard s : state.shards()) {
        out.writeUTF(s.table());
        out.writeUTF(s.shardId());
        ShardSplitSerializer.writeNullable(out, s.parentShardId());
        out.writeByte(s.status().ordinal());
        ShardSplitSerializer.writeNullable(out, s.sequenceNumber());
        out.writeBoolean(s.inclusive());
        out.writeInt(s.owner());
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public ShardEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1) {
      throw new IOException("unknown stream enumerator state version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      Map<String, String> streams = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        streams.put(in.readUTF(), in.readUTF());
      }
      List<TrackedShard> shards = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        shards.add(
            new TrackedShard(
                in.readUTF(),
                in.readUTF(),
                ShardSplitSerializer.readNullable(in),
                TrackedShard.Status.values()[in.readByte()],
                ShardSplitSerializer.readNullable(in),
                in.readBoolean(),
                in.readInt()));
      }
      return new ShardEnumeratorState(streams, shards);
    }
  }
}
