package io.nimo.backsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Debezium records of the nimo layout as Flink CDC hands them over, built by hand. */
class ChangeRecordDeserializerTest {
  static final Schema KEY =
      SchemaBuilder.struct().field("h", Decimal.schema(2)).field("r", Schema.BYTES_SCHEMA).build();
  static final Schema ROW =
      SchemaBuilder.struct()
          .optional()
          .field("h", Decimal.schema(2))
          .field("r", Schema.BYTES_SCHEMA)
          .field("item", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  static final Schema SOURCE =
      SchemaBuilder.struct()
          .field("schema", Schema.STRING_SCHEMA)
          .field("table", Schema.STRING_SCHEMA)
          .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
          .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
          .build();
  static final Schema VALUE =
      SchemaBuilder.struct()
          .field("before", ROW)
          .field("after", ROW)
          .field("source", SOURCE)
          .field("op", Schema.STRING_SCHEMA)
          .build();

  static final List<KeyAttribute> EVENTS_KEY =
      List.of(new KeyAttribute("h", "N"), new KeyAttribute("r", "B"));
  final ChangeRecordDeserializer deserializer =
      new ChangeRecordDeserializer(
          new Layouts(List.of("public"))
              .add(new TableLayout("public", "events", "item", EVENTS_KEY, true, 'd')),
          "nimo_echo",
          List.of("item"));
  final Collected collector = new Collected();
  final List<ChangeRecord> out = collector.out;

  static SourceRecord record(String table, String op, String item) {
    Struct key = new Struct(KEY).put("h", new BigDecimal("7.50")).put("r", new byte[] {0, -1});
    Struct row = new Struct(ROW).put("h", new BigDecimal("7.50")).put("r", new byte[] {0, -1});
    row.put("item", item);
    Struct value =
        new Struct(VALUE)
            .put("after", op.equals("d") ? null : row)
            .put("before", op.equals("d") ? row : null)
            .put(
                "source",
                new Struct(SOURCE)
                    .put("schema", "public")
                    .put("table", table)
                    .put("txId", 42L)
                    .put("ts_ms", 1000L))
            .put("op", op);
    return new SourceRecord(null, null, "t", 0, KEY, key, VALUE, value);
  }

  @Test
  void upsertsCarryTheItemAndTheKeyTypedFromTheColumns() {
    deserializer.deserialize(record("events", "u", "{\"h\":{\"N\":\"7.5\"}}"), collector);
    ChangeRecord r = out.get(0);
    assertThat(r.op).isEqualTo(ChangeRecord.UPSERT);
    assertThat(r.keyJson).isEqualTo("{\"h\":{\"N\":\"7.50\"},\"r\":{\"B\":\"AP8=\"}}");
    assertThat(r.itemJson).isEqualTo("{\"h\":{\"N\":\"7.5\"}}");
    assertThat(r.txId).isEqualTo(42);
    assertThat(r.commitMillis).isEqualTo(1000);
  }

  @Test
  void deletesTakeTheKeyAndMarkersOnlyTheTransaction() {
    deserializer.deserialize(record("events", "d", null), collector);
    deserializer.deserialize(record("nimo_echo", "u", null), collector);
    assertThat(out.get(0).op).isEqualTo(ChangeRecord.DELETE);
    assertThat(out.get(0).keyJson).contains("\"N\":\"7.50\"");
    assertThat(out.get(1).op).isEqualTo(ChangeRecord.ECHO_MARK);
    assertThat(out.get(1).txId).isEqualTo(42);
  }

  @Test
  void aLeftOutItemIsFlaggedNeverPassedOn() {
    deserializer.deserialize(
        record("events", "u", ChangeRecordDeserializer.UNAVAILABLE), collector);
    deserializer.deserialize(
        record("events", "u", ChangeRecordDeserializer.DEBEZIUM_UNAVAILABLE), collector);
    assertThat(out).allSatisfy(r -> assertThat(r.itemUnavailable).isTrue());
    assertThat(out).allSatisfy(r -> assertThat(r.itemJson).isNull());
  }

  @Test
  void aTruncateFailsTheJobNamingTheTable() {
    assertThatThrownBy(() -> deserializer.deserialize(record("events", "t", null), collector))
        .hasMessageContaining("TRUNCATE of table events");
    assertThat(out).isEmpty();
  }

  @Test
  void aChangeWithoutTheDiscoveredDocumentColumnFailsNamingTheTable() {
    ChangeRecordDeserializer other =
        new ChangeRecordDeserializer(
            new Layouts(List.of("public"))
                .add(new TableLayout("public", "events", "doc", EVENTS_KEY, true, 'd')),
            "nimo_echo",
            List.of("doc"));
    assertThatThrownBy(() -> other.deserialize(record("events", "c", "{}"), collector))
        .hasMessageContaining("table events has no column 'doc'");
  }

  @Test
  void snapshotReadsAreNeverEchoesAndTheMarkerTablesRowsAreNotMarks() {
    deserializer.deserialize(record("nimo_echo", "r", null), collector);
    deserializer.deserialize(record("events", "r", "{\"h\":{\"N\":\"7.5\"}}"), collector);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).op).isEqualTo(ChangeRecord.UPSERT);
    assertThat(out.get(0).txId).isEqualTo(-1);
  }
}
