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
 * {@code convert.type = exact}, the default: lossless both ways. S is a string, BOOL a boolean,
 * NULL a BSON null (never {@code true}), B binary, L an array, M an embedded document. N is a
 * Decimal128 when it fits exactly (34 significant digits) and {@code {"%n": "<digits>"}} otherwise
 * (DynamoDB allows 38), never a double. Sets keep their kind: {@code {"%ss": [...]}}, {@code
 * {"%ns": [...]}}, {@code {"%bs": [...]}}. Empty values are kept. Attribute names go through {@link
 * FieldNames}; the tag keys start with {@code %} followed by a letter, which no encoded name can
 * produce, so a map attribute never looks like a tag.
 */
public final class ExactBsonConverter implements ItemConverter<Document> {
  static final String NUMBER = "%n";
  static final String STRING_SET = "%ss";
  static final String NUMBER_SET = "%ns";
  static final String BINARY_SET = "%bs";
  private final FieldNames names;

  /**
   * A converter naming a source {@code _id} attribute {@code <idPrefix>_id}.
   *
   * @param idPrefix the {@code convert._id} prefix
   */
  public ExactBsonConverter(String idPrefix) {
    this.names = new FieldNames(idPrefix);
  }

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public Document toTarget(Map<String, AttributeValue> item) {
    Document d = new Document();
    item.forEach((k, v) -> d.put(names.encode(k), value(k, v)));
    return d;
  }

  @Override
  public Object toTargetValue(AttributeValue value) {
    return value("key", value);
  }

  @Override
  public String fieldName(String attribute) {
    return names.encode(attribute);
  }

  private Object value(String name, AttributeValue v) {
    return switch (v.type()) {
      case S -> v.s();
      case N -> number(v.n());
      case B -> new Binary(v.b().asByteArrayUnsafe());
      case BOOL -> v.bool();
      case NUL -> null;
      case L -> {
        List<Object> out = new ArrayList<>(v.l().size());
        v.l().forEach(e -> out.add(value(name, e)));
        yield out;
      }
      case M -> toTarget(v.m());
      case SS -> new Document(STRING_SET, new ArrayList<>(v.ss()));
      case NS -> {
        List<Object> out = new ArrayList<>(v.ns().size());
        v.ns().forEach(n -> out.add(number(n)));
        yield new Document(NUMBER_SET, out);
      }
      case BS -> {
        List<Object> out = new ArrayList<>(v.bs().size());
        v.bs().forEach(b -> out.add(new Binary(b.asByteArrayUnsafe())));
        yield new Document(BINARY_SET, out);
      }
      default ->
          throw new IllegalArgumentException(
              "attribute " + name + " has a type this converter does not know: " + v.type());
    };
  }

  /** Decimal128 keeps value and scale for up to 34 digits; longer numbers keep their text. */
  private static Object number(String n) {
    BigDecimal d = new BigDecimal(n);
    if (d.precision() <= 34) {
      try {
        return new Decimal128(d);
      } catch (NumberFormatException | ArithmeticException outOfRange) {
        // exponent outside Decimal128's range: fall through to the text form
      }
    }
    return new Document(NUMBER, n);
  }

  @Override
  public Map<String, AttributeValue> toItem(Document document) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    document.forEach(
        (k, v) -> {
          if (!k.equals("_id")) {
            item.put(names.decode(k), attribute(k, v));
          }
        });
    return item;
  }

  private AttributeValue attribute(String field, Object v) {
    AttributeValue scalar = BsonScalars.read(v);
    if (scalar != null) {
      return scalar;
    }
    if (v instanceof List<?> l) {
      List<AttributeValue> out = new ArrayList<>(l.size());
      l.forEach(e -> out.add(attribute(field, e)));
      return AttributeValue.fromL(out);
    }
    if (v instanceof Document d) {
      return documentAttribute(field, d);
    }
    throw new IllegalArgumentException(
        "field "
            + field
            + " holds a "
            + v.getClass().getSimpleName()
            + ", which exact cannot read");
  }

  private AttributeValue documentAttribute(String field, Document d) {
    if (d.size() == 1) {
      String tag = d.keySet().iterator().next();
      Object body = d.get(tag);
      switch (tag) {
        case NUMBER -> {
          return AttributeValue.fromN((String) body);
        }
        case STRING_SET -> {
          List<String> out = new ArrayList<>();
          ((List<?>) body).forEach(e -> out.add((String) e));
          return AttributeValue.fromSs(out);
        }
        case NUMBER_SET -> {
          List<String> out = new ArrayList<>();
          ((List<?>) body).forEach(e -> out.add(attribute(field, e).n()));
          return AttributeValue.fromNs(out);
        }
        case BINARY_SET -> {
          List<SdkBytes> out = new ArrayList<>();
          ((List<?>) body).forEach(e -> out.add(SdkBytes.fromByteArray(((Binary) e).getData())));
          return AttributeValue.fromBs(out);
        }
        default -> {
          // an ordinary one-attribute map
        }
      }
    }
    return AttributeValue.fromM(toItem(d));
  }
}
