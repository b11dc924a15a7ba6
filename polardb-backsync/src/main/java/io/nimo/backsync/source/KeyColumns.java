package io.nimo.backsync.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads a DynamoDB key from a change's primary-key columns (nimo-shake's layout): text → S, numeric
 * → N, bytea → B.
 */
final class KeyColumns {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VARIABLE_SCALE = "io.debezium.data.VariableScaleDecimal";

  private KeyColumns() {}

  static String keyJson(String table, Struct key) {
    if (key == null) {
      throw new IllegalStateException(
          "table " + table + ": a change carries no primary-key columns");
    }
    ObjectNode node = JSON.createObjectNode();
    for (Field f : key.schema().fields()) {
      node.set(f.name(), JSON.createObjectNode().put(typeTag(table, f), text(key.get(f))));
    }
    return node.toString();
  }

  private static String typeTag(String table, Field f) {
    Schema s = f.schema();
    if (Decimal.LOGICAL_NAME.equals(s.name()) || VARIABLE_SCALE.equals(s.name())) {
      return "N";
    }
    if (s.type() == Schema.Type.BYTES) {
      return "B";
    }
    if (s.type() == Schema.Type.STRING) {
      return "S";
    }
    throw new IllegalStateException(
        "table "
            + table
            + ": key column "
            + f.name()
            + " has type "
            + s.type()
            + "; a DynamoDB key column must be text, numeric or bytea");
  }

  private static String text(Object v) {
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    if (v instanceof Struct) { // VariableScaleDecimal {scale, value}
      Struct s = (Struct) v;
      return new BigDecimal(new BigInteger(s.getBytes("value")), s.getInt32("scale"))
          .toPlainString();
    }
    if (v instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) v);
    }
    if (v instanceof ByteBuffer) {
      ByteBuffer b = ((ByteBuffer) v).duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    return String.valueOf(v);
  }
}
