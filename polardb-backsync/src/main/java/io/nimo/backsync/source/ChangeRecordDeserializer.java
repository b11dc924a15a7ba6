package io.nimo.backsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Debezium change records into {@link ChangeRecord}s by the layout discovery found for each
 * table. The key comes from the primary-key columns where they are the DynamoDB key (present for
 * deletes under REPLICA IDENTITY DEFAULT and FULL), else from the document: the new one for inserts
 * and updates, the old one (REPLICA IDENTITY FULL) for deletes and for updates that left an
 * unchanged TOASTed document out. Changes of skipped tables are ignored; a TRUNCATE cannot be
 * applied item by item and fails the job.
 */
public final class ChangeRecordDeserializer implements DebeziumDeserializationSchema<ChangeRecord> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ChangeRecordDeserializer.class);

  /** What the source is told to put in place of an unchanged TOASTed value. */
  public static final String UNAVAILABLE = "__nimo_unavailable_toasted_value__";

  /** Debezium's own placeholder, in case a deployment's properties override ours. */
  static final String DEBEZIUM_UNAVAILABLE = "__debezium_unavailable_value";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Layouts layouts;
  private final String echoTable;
  private final List<String> documentColumns;
  private transient Set<String> ignoredLogged;

  /**
   * A deserializer.
   *
   * @param layouts what discovery found
   * @param echoTable the echo marker table
   * @param documentColumns the document column names discovery looks for
   */
  public ChangeRecordDeserializer(Layouts layouts, String echoTable, List<String> documentColumns) {
    this.layouts = layouts;
    this.echoTable = echoTable;
    this.documentColumns = List.copyOf(documentColumns);
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
    String schema = source.getString("schema");
    String table = source.getString("table");
    String op = value.getString("op");
    boolean snapshotRead = op.equals("r");
    Long tx = source.schema().field("txId") == null ? null : source.getInt64("txId");
    Long ts = source.getInt64("ts_ms");
    // a snapshot's rows share the snapshot's transaction id: never an echo of nimo-shake
    long txId = tx == null || snapshotRead ? -1 : tx;
    long commit = ts == null ? System.currentTimeMillis() : ts;
    if (table.equals(echoTable)) {
      if (!snapshotRead) {
        out.collect(new ChangeRecord(table, ChangeRecord.ECHO_MARK, "", null, txId, commit));
      }
      return;
    }
    TableLayout l = layouts.get(schema, table);
    if (l == null) {
      unknown(schema, table, value);
      return;
    }
    if (op.equals("t")) {
      throw new IllegalStateException(
          "TRUNCATE of table "
              + table
              + " cannot be applied to DynamoDB item by item; delete the items there, then restart"
              + " the job");
    }
    Struct before = value.getStruct("before");
    Struct after = value.getStruct("after");
    if (op.equals("d")) {
      String key =
          l.keyFromColumns() ? KeyColumns.keyJson(table, (Struct) record.key()) : oldKey(l, before);
      out.collect(new ChangeRecord(table, ChangeRecord.DELETE, key, null, txId, commit));
      return;
    }
    String document = document(l, after);
    if (l.keyFromColumns()) {
      ChangeRecord r =
          new ChangeRecord(
              table,
              ChangeRecord.UPSERT,
              KeyColumns.keyJson(table, (Struct) record.key()),
              document,
              txId,
              commit);
      r.itemUnavailable = document == null;
      out.collect(r);
      return;
    }
    String oldDocument = before == null ? null : document(l, before);
    if (document == null) {
      // only other columns changed: the item is the old document, unchanged
      document = oldDocument;
      if (document == null) {
        throw new IllegalStateException(
            "table "
                + table
                + ": an update left the unchanged document out and carries no old one; the"
                + " table needs REPLICA IDENTITY FULL");
      }
    }
    String key = DocumentKeys.keyJson(l, parse(l, document));
    if (oldDocument != null) {
      String oldKey = DocumentKeys.keyJson(l, parse(l, oldDocument));
      if (!oldKey.equals(key)) { // the document now names another item
        out.collect(new ChangeRecord(table, ChangeRecord.DELETE, oldKey, null, txId, commit));
      }
    }
    out.collect(new ChangeRecord(table, ChangeRecord.UPSERT, key, document, txId, commit));
  }

  private String oldKey(TableLayout l, Struct before) {
    String old = before == null ? null : document(l, before);
    if (old == null) {
      throw new IllegalStateException(
          "table "
              + l.table()
              + ": a delete carries no old document, so its DynamoDB key is unknown; the table"
              + " needs REPLICA IDENTITY FULL");
    }
    return DocumentKeys.keyJson(l, parse(l, old));
  }

  /** The document as text, or null when logical replication left it out. */
  private static String document(TableLayout l, Struct row) {
    if (row == null || row.schema().field(l.documentColumn()) == null) {
      throw new IllegalStateException(
          "table " + l.table() + " has no column '" + l.documentColumn() + "' in this change");
    }
    Object item = row.get(l.documentColumn());
    if (item == null || UNAVAILABLE.equals(item) || DEBEZIUM_UNAVAILABLE.equals(item)) {
      return null;
    }
    return item.toString();
  }

  private static JsonNode parse(TableLayout l, String document) {
    try {
      JsonNode n = JSON.readTree(document);
      if (n instanceof ObjectNode) {
        return n;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new IllegalStateException(
        "table " + l.table() + ": column " + l.documentColumn() + " holds no DynamoDB JSON item");
  }

  /**
   * A table discovery did not list: skipped tables are ignored; one created since the start that
   * holds documents fails the job, as its DynamoDB key is not known yet.
   */
  private void unknown(String schema, String table, Struct value) {
    if (ignoredLogged == null) {
      ignoredLogged = new HashSet<>();
    }
    if (layouts.skipped(schema, table) || !hasDocument(value)) {
      if (ignoredLogged.add(schema + "." + table)) {
        LOG.info("table {}.{}: not a DynamoDB table; its changes are ignored", schema, table);
      }
      return;
    }
    throw new IllegalStateException(
        "table "
            + schema
            + "."
            + table
            + " holds DynamoDB documents but was not there when the job started, so its DynamoDB"
            + " key is not known: start the job again from its last checkpoint (it resumes before"
            + " this change and finds the table)");
  }

  private boolean hasDocument(Struct value) {
    for (String side : new String[] {"after", "before"}) {
      Struct row = value.schema().field(side) == null ? null : value.getStruct(side);
      if (row != null) {
        for (Field f : row.schema().fields()) {
          if (documentColumns.contains(f.name())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public TypeInformation<ChangeRecord> getProducedType() {
    return TypeInformation.of(ChangeRecord.class);
  }
}
