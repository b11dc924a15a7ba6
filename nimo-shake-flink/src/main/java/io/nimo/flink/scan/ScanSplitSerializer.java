package io.nimo.flink.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes a {@link ScanSplit} into checkpoints: table, segment, segment count, last key, and (from
 * version 2) the export it reads and its place among the bridging exports. Version 1 splits are
 * Scan segments.
 */
public final class ScanSplitSerializer implements SimpleVersionedSerializer<ScanSplit> {
  static final ScanSplitSerializer INSTANCE = new ScanSplitSerializer();

  @Override
  public int getVersion() {
    return 2;
  }

  @Override
  public byte[] serialize(ScanSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, split);
    }
    return bytes.toByteArray();
  }

  @Override
  public ScanSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 && version != 2) {
      throw new IOException("unknown Scan split format version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return read(in, version);
    }
  }

  static void write(DataOutputStream out, ScanSplit split) throws IOException {
    out.writeUTF(split.table());
    out.writeInt(split.segment());
    out.writeInt(split.totalSegments());
    out.writeBoolean(split.lastKeyJson() != null);
    if (split.lastKeyJson() != null) {
      byte[] key = split.lastKeyJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(key.length);
      out.write(key);
    }
    out.writeBoolean(split.export() != null);
    if (split.export() != null) {
      out.writeUTF(split.export());
      out.writeInt(split.version());
    }
  }

  static ScanSplit read(DataInputStream in, int version) throws IOException {
    String table = in.readUTF();
    int segment = in.readInt();
    int total = in.readInt();
    String key = null;
    if (in.readBoolean()) {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      key = new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
    String export = null;
    int bridge = 0;
    if (version >= 2 && in.readBoolean()) {
      export = in.readUTF();
      bridge = in.readInt();
    }
    return new ScanSplit(table, segment, total, key, export, bridge);
  }
}
