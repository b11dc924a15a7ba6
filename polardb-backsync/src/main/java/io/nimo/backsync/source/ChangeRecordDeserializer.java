package io.nimo.backsync.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns Debezium change records of the nimo PostgreSQL layout (key columns + a JSONB item column)
 * into {@link ChangeRecord}s. The key comes from the record key (the primary key columns, present
 * for deletes under REPLICA IDENTITY DEFAULT and FULL alike); S/N/B come from the column types
 * (text, numeric, bytea). A TRUNCATE cannot be applied item by item and fails the job.
 */
public final class ChangeRecordDeserializer implements DebeziumDeserializationSchema<ChangeRecord> {
  private static final long serialVersionUID = 1L;

  /** What the source is told to put in place of an unchanged TOASTed value. */
  public static final String UNAVAILABLE = "__nimo_unavailable_toasted_value__";

  /** Debezium's own placeholder, in case a deployment's properties override ours. */
  static final String DEBEZIUM_UNAVAILABLE = "__debezium_unavailable_value";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VARIABLE_SCALE = "io.debezium.data.VariableScaleDecimal";

  private final String itemColumn;
  private final String echoTable;

  /**
   * A deserializer for one layout.
   *
   * @param itemColumn the JSONB item column
   * @param echoTable the echo marker table
   */
  public ChangeRecordDeserializer(String itemColumn, String echoTable) {
    this.itemColumn = itemColumn;
    this.echoTable = echoTable;
  }

  @Override
  public void deserialize(SourceRecord record, Collector<ChangeRecord> out) {
    if (!(record.value() instanceof Struct)) {
      return; // tombstones carry nothing to apply
    }
    Struct value = (Struct) record.value();
    if (value.schema().field("op") == null || value.schema().field("source") == null) {
      return; // not a row change (heartbeat, schema change)
    }
    Struct source = value.getStruct("source");
    String table = source.getString("table");
    String op = value.getString("op");
    Long tx = source.schema().field("txId") == null ? null : source.getInt64("txId");
    Long ts = source.getInt64("ts_ms");
    long txId = tx == null ? -1 : tx;
    long commit = ts == null ? System.currentTimeMillis() : ts;
    if (table.equals(echoTable)) {
      out.collect(new ChangeRecord(table, ChangeRecord.ECHO_MARK, "", null, txId, commit));
      return;
    }
    if (op.equals("t")) {
      throw new IllegalStateException(
          "TRUNCATE of table "
              + table
              + " cannot be applied to DynamoDB item by item; delete the items there, then restart"
              + " the job");
    }
    String key = keyJson(table, (Struct) record.key());
    if (op.equals("d")) {
      out.collect(new ChangeRecord(table, ChangeRecord.DELETE, key, null, txId, commit));
      return;
    }
    Struct after = value.getStruct("after");
    if (after == null || after.schema().field(itemColumn) == null) {
      throw new IllegalStateException(
          "table "
              + table
              + " has no column '"
              + itemColumn
              + "' (layout.itemColumn) holding the item as DynamoDB JSON; key "
              + key);
    }
    Object item = after.get(itemColumn);
    ChangeRecord r = new ChangeRecord(table, ChangeRecord.UPSERT, key, null, txId, commit);
    if (item == null || UNAVAILABLE.equals(item) || DEBEZIUM_UNAVAILABLE.equals(item)) {
      r.itemUnavailable = true;
    } else {
      r.itemJson = item.toString();
    }
    out.collect(r);
  }

  private static String keyJson(String table, Struct key) {
    if (key == null) {
      throw new IllegalStateException(
          "table " + table + " has no primary key; the layout needs the key columns as one");
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

  @Override
  public TypeInformation<ChangeRecord> getProducedType() {
    return TypeInformation.of(ChangeRecord.class);
  }
}
