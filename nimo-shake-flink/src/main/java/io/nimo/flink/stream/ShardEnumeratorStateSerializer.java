package io.nimo.flink.stream;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.ShardCheckpoint.Status;
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

/**
 * Writes the stream enumerator's state into checkpoints. Version 2 keeps nimo-core's shard status
 * codes and each stream's last listing time; version 1 (PENDING / ASSIGNED / DONE, no times) is
 * still read.
 */
public final class ShardEnumeratorStateSerializer
    implements SimpleVersionedSerializer<ShardEnumeratorState> {
  private static final Status[] V1_STATUS = {Status.PENDING, Status.READING, Status.DONE};

  @Override
  public int getVersion() {
    return 2;
  }

  @Override
  public byte[] serialize(ShardEnumeratorState state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(state.streams().size());
      for (Map.Entry<String, String> e : state.streams().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
        out.writeLong(state.confirmedAt().getOrDefault(e.getKey(), 0L));
      }
      out.writeInt(state.shards().size());
      for (TrackedShard s : state.shards()) {
        ShardCheckpoint p = s.position();
        out.writeUTF(s.table());
        out.writeUTF(p.shardId());
        ShardSplitSerializer.writeNullable(out, p.parentShardId());
        out.writeUTF(p.status().code());
        ShardSplitSerializer.writeNullable(out, p.sequenceNumber());
        out.writeBoolean(p.inclusive());
        out.writeInt(s.reader());
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public ShardEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 && version != 2) {
      throw new IOException("unknown stream enumerator state version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      Map<String, String> streams = new LinkedHashMap<>();
      Map<String, Long> confirmedAt = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        String table = in.readUTF();
        streams.put(table, in.readUTF());
        confirmedAt.put(table, version == 1 ? 0L : in.readLong());
      }
      List<TrackedShard> shards = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        String table = in.readUTF();
        String shard = in.readUTF();
        String parent = ShardSplitSerializer.readNullable(in);
        Status status = version == 1 ? V1_STATUS[in.readByte()] : Status.ofCode(in.readUTF());
        String sequence = ShardSplitSerializer.readNullable(in);
        boolean inclusive = in.readBoolean();
        shards.add(
            new TrackedShard(
                table,
                new ShardCheckpoint(shard, parent, sequence, status, inclusive),
                in.readInt()));
      }
      return new ShardEnumeratorState(streams, confirmedAt, shards);
    }
  }
}
