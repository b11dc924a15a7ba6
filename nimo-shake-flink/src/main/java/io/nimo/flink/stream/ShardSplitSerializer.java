package io.nimo.flink.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes a {@link ShardSplit} into checkpoints. Version 2 adds when the shard was last followed;
 * version 1 splits are still read (that time unknown).
 */
public final class ShardSplitSerializer implements SimpleVersionedSerializer<ShardSplit> {
  static final ShardSplitSerializer INSTANCE = new ShardSplitSerializer();

  @Override
  public int getVersion() {
    return 2;
  }

  @Override
  public byte[] serialize(ShardSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, split);
    }
    return bytes.toByteArray();
  }

  @Override
  public ShardSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 && version != 2) {
      throw new IOException("unknown stream shard split format version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return read(in, version);
    }
  }

  static void write(DataOutputStream out, ShardSplit s) throws IOException {
    out.writeUTF(s.table());
    out.writeUTF(s.streamArn());
    out.writeUTF(s.shardId());
    writeNullable(out, s.parentShardId());
    writeNullable(out, s.sequenceNumber());
    out.writeBoolean(s.inclusive());
    out.writeBoolean(s.finished());
    out.writeLong(s.confirmedAtMillis());
  }

  static ShardSplit read(DataInputStream in, int version) throws IOException {
    return new ShardSplit(
        in.readUTF(),
        in.readUTF(),
        in.readUTF(),
        readNullable(in),
        readNullable(in),
        in.readBoolean(),
        in.readBoolean(),
        version == 1 ? 0 : in.readLong());
  }

  static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
