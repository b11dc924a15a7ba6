package io.nimo.core.convert;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The original NimoShake's document shapes, for applications that already read them:
 *
 * <ul>
 *   <li>{@code raw}: every value wrapped in its type, {@code {"S": "x"}}, {@code {"N": "1.5"}} (a
 *       string), {@code {"L": [...]}}, ... Lossless here (the original wrote empty lists, maps and
 *       binaries as {@code {}}; nimo keeps their type).
 *   <li>{@code change}: plain values; N as int32/int64 when integral, else Decimal128. Lossy as in
 *       the original: NULL is written as {@code true}, sets as arrays (read back as lists).
 *   <li>{@code mchange}: plain values with N as a double, the original's default. Lossy: sets as
 *       arrays.
 * </ul>
 *
 * Never a silent loss: a number a shape cannot hold exactly (more than 34 digits for change, not
 * exactly a double for mchange, which is what made the original merge big number keys) and an
 * attribute name MongoDB cannot store ({@code $...}, {@code a.b}) are refused naming the attribute,
 * and the table stops. {@code convert._id} renames a source {@code _id} at every level, as the
 * original did for raw and change.
 */
public final class OriginalShapes implements ItemConverter<Document> {
  /** The three shapes. */
  public enum Shape {
    /** Type-wrapped values. */
    RAW,
    /** Plain values, integers and decimals. */
    CHANGE,
    /** Plain values, numbers as doubles. */
    MCHANGE
  }

  private final Shape shape;
  private final String idField;

  /**
   * A converter of one shape.
   *
   * @param idPrefix the {@code convert._id} prefix
   */
  public OriginalShapes(Shape shape, String idPrefix) {
    this.shape = shape;
    this.idField = idPrefix + "_id";
  }

  @Override
  public String name() {
    return shape.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String fieldName(String attribute) {
    if (attribute.equals("_id")) {
      return idField;
    }
    if (attribute.startsWith("$") || attribute.contains(".")) {
      throw new IllegalArgumentException(
          "attribute name '"
              + attribute
              + "' cannot be stored by convert.type = "
              + name()
              + " (MongoDB field names must not start with $ or contain .); use convert.type = exact");
    }
    return attribute;
  }

  @Override
  public Document toTarget(Map<String, AttributeValue> item) {
    Document d = new Document();
    item.forEach((k, v) -> d.put(fieldName(k), value(k, v)));
    return d;
  }

  @Override
  public Object toTargetValue(AttributeValue value) {
    return value("key", value);
  }

  private Object value(String name, AttributeValue v) {
    Object plain =
        switch (v.type()) {
          case S -> v.s();
          case N -> number(name, v.n());
          case B -> new Binary(v.b().asByteArrayUnsafe());
          case BOOL -> v.bool();
          case NUL ->
              shape == Shape.CHANGE ? Boolean.TRUE : shape == Shape.RAW ? Boolean.TRUE : null;
          case L -> list(name, v.l());
          case M -> toTarget(v.m());
          case SS -> new ArrayList<>(v.ss());
          case NS -> {
            List<Object> out = new ArrayList<>();
            v.ns().forEach(n -> out.add(shape == Shape.RAW ? n : number(name, n)));
            yield out;
          }
          case BS -> {
            List<Object> out = new ArrayList<>();
            v.bs().forEach(b -> out.add(new Binary(b.asByteArrayUnsafe())));
            yield out;
          }
          default ->
              throw new IllegalArgumentException(
                  "attribute " + name + ": unknown type " + v.type());
        };
    if (shape != Shape.RAW) {
      return plain;
    }
    String tag = v.type() == AttributeValue.Type.NUL ? "NULL" : v.type().name();
    return new Document(tag, v.type() == AttributeValue.Type.N ? v.n() : plain);
  }

  private List<Object> list(String name, List<AttributeValue> l) {
    List<Object> out = new ArrayList<>(l.size());
    l.forEach(e -> out.add(value(name, e)));
    return out;
  }

  private Object number(String name, String n) {
    if (shape == Shape.RAW) {
      return n;
    }
    BigDecimal d = new BigDecimal(n);
    if (shape == Shape.MCHANGE) {
      double x = d.doubleValue();
      if (Double.isInfinite(x) || new BigDecimal(Double.toString(x)).compareTo(d) != 0) {
        throw new IllegalArgumentException(
            "attribute "
                + name
                + ": "
                + n
                + " is not exactly a double, which convert.type = mchange "
                + "writes (two such numbers could become the same key); use convert.type = exact");
      }
      return x;
    }
    if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
      try {
        long l = d.longValueExact();
        return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
      } catch (ArithmeticException tooBig) {
        // beyond int64: a decimal
      }
    }
    if (d.precision() > 34) {
      throw new IllegalArgumentException(
          "attribute "
              + name
              + ": "
              + n
              + " has more than the 34 digits a Decimal128 holds "
              + "(convert.type = change); use convert.type = exact");
    }
    return new Decimal128(d);
  }

  @Override
  public Map<String, AttributeValue> toItem(Document document) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    document.forEach(
        (k, v) -> {
          if (!k.equals("_id")) {
            item.put(k.equals(idField) ? "_id" : k, shape == Shape.RAW ? raw(k, v) : plain(k, v));
          }
        });
    return item;
  }

  private AttributeValue raw(String field, Object v) {
    Document d = (Document) v;
    String tag = d.keySet().iterator().next();
    Object body = d.get(tag);
    return switch (tag) {
      case "S" -> AttributeValue.fromS((String) body);
      case "N" -> AttributeValue.fromN((String) body);
      case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(((Binary) body).getData()));
      case "BOOL" -> AttributeValue.fromBool((Boolean) body);
      case "NULL" -> AttributeValue.fromNul(true);
      case "L" -> {
        List<AttributeValue> out = new ArrayList<>();
        ((List<?>) body).forEach(e -> out.add(raw(field, e)));
        yield AttributeValue.fromL(out);
      }
      case "M" -> AttributeValue.fromM(toItem((Document) body));
      case "SS" -> AttributeValue.fromSs(strings(body));
      case "NS" -> AttributeValue.fromNs(strings(body));
      case "BS" -> {
        List<SdkBytes> out = new ArrayList<>();
        ((List<?>) body).forEach(e -> out.add(SdkBytes.fromByteArray(((Binary) e).getData())));
        yield AttributeValue.fromBs(out);
      }
      default ->
          throw new IllegalArgumentException(
              "field " + field + " is not in the raw shape: " + d.toJson());
    };
  }

  private static List<String> strings(Object body) {
    List<String> out = new ArrayList<>();
    ((List<?>) body).forEach(e -> out.add(String.valueOf(e)));
    return out;
  }

  private AttributeValue plain(String field, Object v) {
    AttributeValue scalar = BsonScalars.read(v);
    if (scalar != null) {
      return scalar;
    }
    if (v instanceof List<?> l) {
      List<AttributeValue> out = new ArrayList<>();
      l.forEach(e -> out.add(plain(field, e)));
      return AttributeValue.fromL(out);
    }
    if (v instanceof Document d) {
      return AttributeValue.fromM(toItem(d));
    }
    throw new IllegalArgumentException(
        "field " + field + " holds a " + v.getClass().getSimpleName());
  }
}
