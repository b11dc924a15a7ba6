package io.nimo.core.convert;

import java.math.BigDecimal;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** BSON scalar values read back as attribute values, the same way for every document shape. */
final class BsonScalars {
  private BsonScalars() {}

  /**
   * The attribute value of a BSON scalar (null, string, boolean, number, binary).
   *
   * @param v a value read from a document
   * @return its attribute value, or {@code null} if {@code v} is not a scalar
   */
  static AttributeValue read(Object v) {
    if (v == null) {
      return AttributeValue.fromNul(true);
    }
    if (v instanceof String s) {
      return AttributeValue.fromS(s);
    }
    if (v instanceof Boolean b) {
      return AttributeValue.fromBool(b);
    }
    if (v instanceof Decimal128 d) {
      return AttributeValue.fromN(d.bigDecimalValue().toString());
    }
    if (v instanceof Double x) {
      // the shortest text that reads back as the same double
      return AttributeValue.fromN(
          new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString());
    }
    if (v instanceof Number n) {
      return AttributeValue.fromN(n.toString());
    }
    if (v instanceof Binary b) {
      return AttributeValue.fromB(SdkBytes.fromByteArray(b.getData()));
    }
    return null;
  }
}
