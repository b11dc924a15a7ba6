package io.nimo.backsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Debezium records of PolarDB-DDB-shaped tables (a surrogate primary key and the item in {@code
 * polardb_document}), built by hand: the key is read from the document, never from {@code id}.
 */
class DocumentKeyDeserializerTest {
  static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
  static final Schema ROW =
      SchemaBuilder.struct()
          .optional()
          .field("id", Schema.INT64_SCHEMA)
          .field("polardb_document", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  static final Schema CATALOG_ROW =
      SchemaBuilder.struct()
          .optional()
          .field("name", Schema.STRING_SCHEMA)
          .field("meta", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  static final Schema SOURCE = ChangeRecordDeserializerTest.SOURCE;

  static final String U1 =
      "{\"userid\":{\"S\":\"user1\"},\"n\":{\"N\":\"7.50\"},\"d\":{\"N\":\"10\"}}";

  final Layouts layouts =
      new Layouts(List.of("public"))
          .add(
              new TableLayout(
                  "public",
                  "User-Table",
                  "polardb_document",
                  List.of(new KeyAttribute("userid", "S")),
                  false,
                  'f'))
          .add(
              new TableLayout(
                  "public",
                  "scores",
                  "polardb_document",
                  List.of(new KeyAttribute("n", "N"), new KeyAttribute("userid", "S")),
                  false,
                  'f'))
          .skip("public", "ddb_catalog", "not a DynamoDB table");
  final ChangeRecordDeserializer deserializer =
      new ChangeRecordDeserializer(layouts, "nimo_echo", List.of("polardb_document", "item"));
  final Collected collector = new Collected();
  final List<ChangeRecord> out = collector.out;

  static SourceRecord change(String table, String op, String before, String after) {
    return change(table, op, ROW, row(before), row(after));
  }

  static Struct row(String document) {
    return document == null
        ? null
        : new Struct(ROW).put("id", 1L).put("polardb_document", document);
  }

  static SourceRecord change(
      String table, String op, Schema rowSchema, Struct before, Struct after) {
    Schema value =
        SchemaBuilder.struct()
            .field("before", rowSchema)
            .field("after", rowSchema)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .build();
    Struct v =
        new Struct(value)
            .put("before", before)
            .put("after", after)
            .put(
                "source",
                new Struct(SOURCE)
                    .put("schema", "public")
                    .put("table", table)
                    .put("txId", 9L)
                    .put("ts_ms", 5L))
            .put("op", op);
    return new SourceRecord(null, null, "t", 0, KEY, new Struct(KEY).put("id", 1L), value, v);
  }

  @Test
  void anInsertTakesItsKeyFromTheDocumentNotFromTheSurrogateColumn() {
    deserializer.deserialize(change("User-Table", "c", null, U1), collector);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).op).isEqualTo(ChangeRecord.UPSERT);
    assertThat(out.get(0).keyJson).isEqualTo("{\"userid\":{\"S\":\"user1\"}}");
    assertThat(out.get(0).itemJson).isEqualTo(U1);
  }

  @Test
  void aNumberKeyIsWrittenInOneFormWhateverTheDocumentSpells() {
    deserializer.deserialize(change("scores", "c", null, U1), collector);
    assertThat(out.get(0).keyJson)
        .isEqualTo("{\"n\":{\"N\":\"7.5\"},\"userid\":{\"S\":\"user1\"}}");
  }

  @Test
  void aDeleteTakesItsKeyFromTheOldDocument() {
    deserializer.deserialize(change("User-Table", "d", U1, null), collector);
    assertThat(out.get(0).op).isEqualTo(ChangeRecord.DELETE);
    assertThat(out.get(0).keyJson).isEqualTo("{\"userid\":{\"S\":\"user1\"}}");
  }

  @Test
  void aDeleteWithoutTheOldDocumentFailsAskingForReplicaIdentityFull() {
    assertThatThrownBy(
            () -> deserializer.deserialize(change("User-Table", "d", null, null), collector))
        .hasMessageContaining("table User-Table")
        .hasMessageContaining("REPLICA IDENTITY FULL");
  }

  @Test
  void anUpdateThatLeftTheToastedDocumentOutAppliesTheUnchangedOldDocument() {
    deserializer.deserialize(
        change("User-Table", "u", U1, ChangeRecordDeserializer.UNAVAILABLE), collector);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).itemJson).isEqualTo(U1);
    assertThat(out.get(0).itemUnavailable).isFalse();
  }

  @Test
  void aDocumentThatNowNamesAnotherItemDeletesTheOldKeyFirst() {
    String renamed = U1.replace("user1", "user2");
    deserializer.deserialize(change("User-Table", "u", U1, renamed), collector);
    assertThat(out).extracting(r -> r.op).containsExactly(ChangeRecord.DELETE, ChangeRecord.UPSERT);
    assertThat(out.get(0).keyJson).contains("user1");
    assertThat(out.get(1).keyJson).contains("user2");
  }

  @Test
  void aDocumentWithoutTheKeyAttributeFailsNamingTableAndAttribute() {
    assertThatThrownBy(
            () ->
                deserializer.deserialize(
                    change("User-Table", "c", null, "{\"userid\":{\"N\":\"1\"}}"), collector))
        .hasMessageContaining("table User-Table")
        .hasMessageContaining("no key attribute userid (S)")
        .hasMessageContaining("of type N");
  }

  @Test
  void skippedTablesAndNewTablesWithoutDocumentsAreIgnored() {
    Struct cat = new Struct(CATALOG_ROW).put("name", "x").put("meta", "{}");
    deserializer.deserialize(change("ddb_catalog", "c", CATALOG_ROW, null, cat), collector);
    deserializer.deserialize(change("created_later", "c", CATALOG_ROW, null, cat), collector);
    assertThat(out).isEmpty();
  }

  @Test
  void aTableCreatedAfterTheStartHoldingDocumentsFailsTheJobInsteadOfDroppingItsChanges() {
    assertThatThrownBy(
            () -> deserializer.deserialize(change("new-table", "c", null, U1), collector))
        .hasMessageContaining("public.new-table")
        .hasMessageContaining("was not there when the job started")
        .hasMessageContaining("last checkpoint");
  }
}
