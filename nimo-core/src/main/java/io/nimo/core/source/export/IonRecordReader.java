package io.nimo.core.source.export;

import com.amazon.ion.IonReader;
import com.amazon.ion.IonType;
import com.amazon.ion.system.IonReaderBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ION records, read with Amazon's ion-java: one struct per line ({@code $ion_1_0 {Item:{…}}}),
 * numbers as decimals (written back in DynamoDB's own plain form, full precision), binaries as
 * blobs, sets as lists annotated {@code $dynamodb_SS}, {@code $dynamodb_NS}, {@code $dynamodb_BS}.
 */
final class IonRecordReader implements ExportRecordReader {
  private final IonReader ion;

  IonRecordReader(InputStream data) {
    this.ion = IonReaderBuilder.standard().build(data);
  }

  @Override
  public ExportRecord next() throws IOException {
    IonType t = ion.next();
    if (t == null) {
      return null;
    }
    if (t != IonType.STRUCT) {
      throw new IOException("a record that is an Ion " + t + ", not a struct");
    }
    Map<String, Map<String, AttributeValue>> parts = new LinkedHashMap<>();
    long micros = 0;
    ion.stepIn();
    for (IonType f = ion.next(); f != null; f = ion.next()) {
      String name = ion.getFieldName();
      if ("Metadata".equals(name)) {
        Map<String, AttributeValue> meta = struct();
        AttributeValue w = meta.get("WriteTimestampMicros");
        micros = w == null || w.n() == null ? 0 : new BigDecimal(w.n()).longValue();
      } else if (f == IonType.STRUCT && !ion.isNullValue()) {
        parts.put(name, struct());
      }
    }
    ion.stepOut();
    if (parts.containsKey("Item")) {
      return new ExportRecord.Image(parts.get("Item"));
    }
    if (parts.containsKey("Keys")) {
      return new ExportRecord.Change(
          parts.get("Keys"), parts.get("OldImage"), parts.get("NewImage"), micros);
    }
    throw new IOException("a record with neither Item nor Keys: fields " + parts.keySet());
  }

  /** The struct the reader is on, as an item. */
  private Map<String, AttributeValue> struct() throws IOException {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    ion.stepIn();
    for (IonType t = ion.next(); t != null; t = ion.next()) {
      out.put(ion.getFieldName(), value(t));
    }
    ion.stepOut();
    return out;
  }

  private AttributeValue value(IonType t) throws IOException {
    if (ion.isNullValue()) {
      return AttributeValue.fromNul(true);
    }
    return switch (t) {
      case STRING, SYMBOL -> AttributeValue.fromS(ion.stringValue());
      case DECIMAL, INT -> AttributeValue.fromN(number(ion.bigDecimalValue()));
      case BOOL -> AttributeValue.fromBool(ion.booleanValue());
      case BLOB, CLOB -> AttributeValue.fromB(SdkBytes.fromByteArray(ion.newBytes()));
      case STRUCT -> AttributeValue.fromM(struct());
      case LIST, SEXP -> list();
      default -> throw new IOException("an Ion " + t + " value, which DynamoDB has no type for");
    };
  }

  private AttributeValue list() throws IOException {
    String[] annotations = ion.getTypeAnnotations();
    String set = annotations.length == 0 ? "" : annotations[0];
    List<AttributeValue> values = new ArrayList<>();
    ion.stepIn();
    for (IonType t = ion.next(); t != null; t = ion.next()) {
      values.add(value(t));
    }
    ion.stepOut();
    return switch (set) {
      case "$dynamodb_SS" -> AttributeValue.fromSs(values.stream().map(AttributeValue::s).toList());
      case "$dynamodb_NS" -> AttributeValue.fromNs(values.stream().map(AttributeValue::n).toList());
      case "$dynamodb_BS" -> AttributeValue.fromBs(values.stream().map(AttributeValue::b).toList());
      default -> AttributeValue.fromL(values);
    };
  }

  /** A decimal as DynamoDB writes numbers: plain notation, no trailing zeros. */
  static String number(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    return d.stripTrailingZeros().toPlainString();
  }

  @Override
  public void close() throws IOException {
    ion.close();
  }
}
