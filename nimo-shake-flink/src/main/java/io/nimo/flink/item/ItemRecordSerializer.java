package io.nimo.flink.item;

import io.nimo.core.item.ItemBinary;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link ItemRecord} in a compact binary form: the kind, the table and key, the item through
 * nimo-core's {@link ItemBinary} (lossless, no JSON). Records are immutable, so copies are the
 * record itself. The format is version {@link Snapshot#FORMAT}; a snapshot of another version is
 * refused rather than misread.
 */
public final class ItemRecordSerializer extends TypeSerializerSingleton<ItemRecord> {
  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final ItemRecordSerializer INSTANCE = new ItemRecordSerializer();

  private static final ItemRecord.Kind[] KINDS = ItemRecord.Kind.values();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public ItemRecord createInstance() {
    return ItemRecord.scanDone("", 0, 0);
  }

  @Override
  public ItemRecord copy(ItemRecord from) {
    return from;
  }

  @Override
  public ItemRecord copy(ItemRecord from, ItemRecord reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ItemRecord r, DataOutputView out) throws IOException {
    out.writeByte(r.kind().ordinal());
    out.writeUTF(r.key());
    if (r.kind() == ItemRecord.Kind.SCAN_DONE) {
      out.writeInt(r.reader());
      out.writeInt(r.readers());
      return;
    }
    out.writeUTF(r.table());
    if (r.kind() == ItemRecord.Kind.BRIDGED || r.kind() == ItemRecord.Kind.BRIDGE_REMOVED) {
      out.writeInt(r.version());
    }
    ItemBinary.write(out, r.item());
  }

  @Override
  public ItemRecord deserialize(DataInputView in) throws IOException {
    int k = in.readByte();
    if (k < 0 || k >= KINDS.length) {
      throw new IOException("corrupt ItemRecord: unknown kind " + k);
    }
    ItemRecord.Kind kind = KINDS[k];
    String key = in.readUTF();
    if (kind == ItemRecord.Kind.SCAN_DONE) {
      return ItemRecord.scanDone(key, in.readInt(), in.readInt());
    }
    String table = in.readUTF();
    int version =
        kind == ItemRecord.Kind.BRIDGED || kind == ItemRecord.Kind.BRIDGE_REMOVED
            ? in.readInt()
            : 0;
    return new ItemRecord(kind, table, key, ItemBinary.read(in), version, 0);
  }

  @Override
  public ItemRecord deserialize(ItemRecord reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<ItemRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer's snapshot: its format version, checked on restore. */
  public static final class Snapshot implements TypeSerializerSnapshot<ItemRecord> {
    /** The binary layout written by this release. */
    static final int FORMAT = 1;

    private int format = FORMAT;

    @Override
    public int getCurrentVersion() {
      return FORMAT;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeInt(FORMAT);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
        throws IOException {
      format = in.readInt();
      if (format != FORMAT) {
        throw new IOException(
            "ItemRecord format "
                + format
                + " is not readable by this release (it reads format "
                + FORMAT
                + ")");
      }
    }

    @Override
    public TypeSerializer<ItemRecord> restoreSerializer() {
      return INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<ItemRecord> resolveSchemaCompatibility(
        TypeSerializerSnapshot<ItemRecord> oldSnapshot) {
      return oldSnapshot instanceof Snapshot old && old.format == FORMAT
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
