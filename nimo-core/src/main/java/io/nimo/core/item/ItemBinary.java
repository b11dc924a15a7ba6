package io.nimo.core.item;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A compact, lossless binary form of an item, for items that cross a process boundary many times
 * (the Flink job's operators): a count, then per attribute its name and a tagged value. Numbers
 * stay their exact text, sets keep their type, nesting and empty values survive; no JSON is written
 * or parsed. The layout is fixed: a change to it needs a new serializer version.
 */
public final class ItemBinary {
  private static final byte S = 1;
  private static final byte N = 2;
  private static final byte B = 3;
  private static final byte BOOL = 4;
  private static final byte NUL = 5;
  private static final byte SS = 6;
  private static final byte NS = 7;
  private static final byte BS = 8;
  private static final byte L = 9;
  private static final byte M = 10;

  private ItemBinary() {}

  /** Writes an item. */
  public static void write(DataOutput out, Map<String, AttributeValue> item) throws IOException {
    out.writeInt(item.size());
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      writeString(out, e.getKey());
      writeValue(out, e.getValue());
    }
  }

  /** Reads an item written by {@link #write}. */
  public static Map<String, AttributeValue> read(DataInput in) throws IOException {
    int n = in.readInt();
    Map<String, AttributeValue> item = new LinkedHashMap<>(Math.max(4, n * 4 / 3 + 1));
    for (int i = 0; i < n; i++) {
      item.put(readString(in), readValue(in));
    }
    return item;
  }

  private static void writeValue(DataOutput out, AttributeValue v) throws IOException {
    switch (v.type()) {
      case S -> {
        out.writeByte(S);
        writeString(out, v.s());
      }
      case N -> {
        out.writeByte(N);
        writeString(out, v.n());
      }
      case B -> {
        out.writeByte(B);
        writeBytes(out, v.b());
      }
      case BOOL -> {
        out.writeByte(BOOL);
        out.writeBoolean(v.bool());
      }
      case NUL -> out.writeByte(NUL);
      case SS -> writeStrings(out, SS, v.ss());
      case NS -> writeStrings(out, NS, v.ns());
      case BS -> {
        out.writeByte(BS);
        out.writeInt(v.bs().size());
        for (SdkBytes b : v.bs()) {
          writeBytes(out, b);
        }
      }
      case L -> {
        out.writeByte(L);
        out.writeInt(v.l().size());
        for (AttributeValue e : v.l()) {
          writeValue(out, e);
        }
      }
      case M -> {
        out.writeByte(M);
        write(out, v.m());
      }
      default -> throw new IllegalArgumentException("attribute value of unknown type: " + v);
    }
  }

  private static AttributeValue readValue(DataInput in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case S -> AttributeValue.fromS(readString(in));
      case N -> AttributeValue.fromN(readString(in));
      case B -> AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(readBytes(in)));
      case BOOL -> AttributeValue.fromBool(in.readBoolean());
      case NUL -> AttributeValue.fromNul(true);
      case SS -> AttributeValue.fromSs(readStrings(in));
      case NS -> AttributeValue.fromNs(readStrings(in));
      case BS -> {
        int n = in.readInt();
        List<SdkBytes> set = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          set.add(SdkBytes.fromByteArrayUnsafe(readBytes(in)));
        }
        yield AttributeValue.fromBs(set);
      }
      case L -> {
        int n = in.readInt();
        List<AttributeValue> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue(in));
        }
        yield AttributeValue.fromL(list);
      }
      case M -> AttributeValue.fromM(read(in));
      default -> throw new IOException("corrupt item: unknown value tag " + tag);
    };
  }

  private static void writeStrings(DataOutput out, byte tag, List<String> set) throws IOException {
    out.writeByte(tag);
    out.writeInt(set.size());
    for (String s : set) {
      writeString(out, s);
    }
  }

  private static List<String> readStrings(DataInput in) throws IOException {
    int n = in.readInt();
    List<String> set = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      set.add(readString(in));
    }
    return set;
  }

  /** Strings as length and UTF-8 bytes: unlike writeUTF, no 64 KB limit (items reach 400 KB). */
  private static void writeString(DataOutput out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInput in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static void writeBytes(DataOutput out, SdkBytes b) throws IOException {
    byte[] raw = b.asByteArrayUnsafe();
    out.writeInt(raw.length);
    out.write(raw);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt item: negative length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
