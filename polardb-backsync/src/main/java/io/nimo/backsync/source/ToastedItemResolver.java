package io.nimo.backsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nimo.backsync.config.BackSyncOptions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills in an item that logical replication left out. PostgreSQL does not log an unchanged TOASTed
 * value (a large item whose row was updated without touching the item column), and the change then
 * carries a placeholder, which must never reach DynamoDB. This re-reads the row's current item by
 * key; a row that is gone becomes a delete. The current row can be newer than the change, never
 * older, and the newer changes follow in the stream, so DynamoDB ends equal.
 */
public final class ToastedItemResolver extends RichMapFunction<ChangeRecord, ChangeRecord> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ToastedItemResolver.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BackSyncOptions options;
  private final Layouts layouts;
  private transient Connection connection; // opened on the first left-out item only

  /**
   * A resolver.
   *
   * @param options where to re-read from
   * @param layouts each table's schema, document column and key
   */
  public ToastedItemResolver(BackSyncOptions options, Layouts layouts) {
    this.options = options;
    this.layouts = layouts;
  }

  @Override
  public ChangeRecord map(ChangeRecord r) throws Exception {
    if (!r.itemUnavailable) {
      return r;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return reread(r);
      } catch (SQLException e) {
        closeQuietly();
        if (attempt >= 5) {
          throw new IllegalStateException(
              "table "
                  + r.table
                  + " key "
                  + r.keyJson
                  + ": the item was left out by logical"
                  + " replication (TOASTed) and re-reading it failed: "
                  + e.getMessage(),
              e);
        }
        Thread.sleep(200L * attempt);
      }
    }
  }

  private ChangeRecord reread(ChangeRecord r) throws SQLException {
    if (connection == null) {
      connection = PgConnect.open(options);
    }
    TableLayout l = layouts.byTable(r.table);
    if (l == null) {
      throw new IllegalStateException("table " + r.table + " has no discovered layout");
    }
    List<String> columns = new ArrayList<>();
    List<JsonNode> values = new ArrayList<>();
    JsonNode key;
    try {
      key = JSON.readTree(r.keyJson);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("bad key JSON " + r.keyJson, e);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      columns.add(e.getKey());
      values.add(e.getValue());
    }
    String document = Sql.quote(l.documentColumn());
    StringBuilder sql =
        new StringBuilder("select ")
            .append(document)
            .append("::text from ")
            .append(Sql.quote(l.schema()))
            .append('.')
            .append(Sql.quote(l.table()))
            .append(" where ");
    for (int i = 0; i < columns.size(); i++) {
      String type = values.get(i).fieldNames().next();
      sql.append(i == 0 ? "" : " and ");
      if (l.keyFromColumns()) {
        sql.append(Sql.quote(columns.get(i))).append(" = ?");
      } else { // the key inside the document, compared as DynamoDB compares it
        String path = document + "->" + literal(columns.get(i)) + "->>" + literal(type);
        sql.append(type.equals("N") ? "(" + path + ")::numeric" : path).append(" = ?");
      }
    }
    try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < values.size(); i++) {
        Map.Entry<String, JsonNode> typed = values.get(i).fields().next();
        String text = typed.getValue().asText();
        switch (typed.getKey()) {
          case "N":
            s.setBigDecimal(i + 1, new BigDecimal(text));
            break;
          case "B":
            if (l.keyFromColumns()) {
              s.setBytes(i + 1, Base64.getDecoder().decode(text));
            } else {
              s.setString(i + 1, text);
            }
            break;
          default:
            s.setString(i + 1, text);
        }
      }
      try (ResultSet rs = s.executeQuery()) {
        ChangeRecord out =
            new ChangeRecord(r.table, ChangeRecord.UPSERT, r.keyJson, null, r.txId, r.commitMillis);
        if (rs.next()) {
          out.itemJson = rs.getString(1);
          LOG.info(
              "table {} key {}: re-read an item logical replication left out", r.table, r.keyJson);
        } else {
          out.op = ChangeRecord.DELETE;
          LOG.info(
              "table {} key {}: the row is gone since; applying it as a delete",
              r.table,
              r.keyJson);
        }
        return out;
      }
    }
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // reconnecting anyway
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
