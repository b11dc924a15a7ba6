package io.nimo.core.sink.postgres;

import io.nimo.core.item.ItemJson;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.ExistPolicy;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.SourceTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * One table as a PostgreSQL table {@code "<schema>"."<table>"}: one column per key attribute (S →
 * text, N → numeric, B → bytea), the primary key on them, and {@code item jsonb} with the whole
 * item as DynamoDB JSON (lossless, every type). GSIs and LSIs become expression indexes on the
 * item. Writes are {@code INSERT ... ON CONFLICT DO UPDATE} upserts and deletes by key, folded per
 * key, one transaction per call. Thread-safe.
 */
final class PostgresTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresTarget.class);
  private static final String ITEM = "item";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String name;
  private final String schema;
  private final KeySchema keys;
  private final PostgresConnections db;
  private final EchoMarker echo;
  private final Retrier retrier;

  PostgresTarget(
      String name,
      String schema,
      KeySchema keys,
      PostgresConnections db,
      EchoMarker echo,
      Retrier retrier) {
    if (keys.hashKey().equals(ITEM) || ITEM.equals(keys.rangeKey())) {
      throw new IllegalArgumentException(
          "table " + name + ": a key attribute named 'item' clashes with the item column");
    }
    this.name = name;
    this.schema = schema;
    this.keys = keys;
    this.db = db;
    this.echo = echo;
    this.retrier = retrier;
  }

  @Override
  public String name() {
    return name;
  }

  private String table() {
    return quote(schema) + "." + quote(name);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private List<String> keyNames() {
    return keys.rangeKey() == null
        ? List.of(keys.hashKey())
        : List.of(keys.hashKey(), keys.rangeKey());
  }

  @Override
  public PrepareResult prepare(SourceTable source, ExistPolicy policy) {
    return call(
        "prepare " + name,
        c -> {
          List<String> notes = new ArrayList<>();
          boolean dropped = false;
          try (PreparedStatement exists = c.prepareStatement("select to_regclass(?)")) {
            exists.setString(1, table());
            ResultSet r = exists.executeQuery();
            r.next();
            if (r.getString(1) != null) {
              switch (policy) {
                case FAIL -> throw new TargetTableExistsException(schema + "." + name);
                case DROP -> {
                  exec(c, "drop table " + table());
                  dropped = true;
                }
                case RENAME -> {
                  String kept = name + "_" + STAMP.format(java.time.Instant.now());
                  exec(c, "alter table " + table() + " rename to " + quote(kept));
                  notes.add("the existing table was renamed to " + kept);
                }
              }
            }
          }
          StringBuilder ddl = new StringBuilder("create table " + table() + " (");
          for (String k : keyNames()) {
            ddl.append(quote(k)).append(' ').append(sqlType(source, k)).append(" not null, ");
          }
          ddl.append(ITEM).append(" jsonb not null, primary key (");
          ddl.append(String.join(", ", keyNames().stream().map(PostgresTarget::quote).toList()));
          exec(c, ddl.append("))").toString());
          int n = 0;
          for (var g : source.description().globalSecondaryIndexes()) {
            exec(c, index("gsi_" + g.indexName(), g.keySchema(), source));
            n++;
          }
          for (var l : source.description().localSecondaryIndexes()) {
            exec(c, index("lsi_" + l.indexName(), l.keySchema(), source));
            n++;
          }
          if (n > 0) {
            notes.add(n + " secondary index(es) created as expression indexes on the item");
          }
          LOG.info("table {}.{} ready (key {})", schema, name, keys);
          return new PrepareResult(dropped, notes);
        });
  }

  private String index(String indexName, List<KeySchemaElement> parts, SourceTable source) {
    List<String> exprs = new ArrayList<>();
    for (KeySchemaElement e : parts) {
      String a = e.attributeName().replace("'", "''");
      String type = attributeType(source, e.attributeName());
      exprs.add(
          type.equals("N")
              ? "((" + ITEM + "->'" + a + "'->>'N')::numeric)"
              : "(" + ITEM + "->'" + a + "'->>'" + type + "')");
    }
    return "create index "
        + quote(name + "_" + indexName)
        + " on "
        + table()
        + " ("
        + String.join(", ", exprs)
        + ")";
  }

  private static String attributeType(SourceTable source, String attribute) {
    return source.description().attributeDefinitions().stream()
        .filter(d -> d.attributeName().equals(attribute))
        .map(d -> d.attributeTypeAsString())
        .findFirst()
        .orElse("S");
  }

  private static String sqlType(SourceTable source, String attribute) {
    return switch (attributeType(source, attribute)) {
      case "N" -> "numeric";
      case "B" -> "bytea";
      default -> "text";
    };
  }

  @Override
  public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
    Map<ItemKey, Map<String, AttributeValue>> unique = new LinkedHashMap<>();
    for (Map<String, AttributeValue> item : items) {
      ItemKey key = keys.keyOf(item);
      unique.remove(key);
      unique.put(key, item);
    }
    List<Change> changes = new ArrayList<>();
    unique.forEach((k, v) -> changes.add(new Change(k, v)));
    write(changes);
    return new WriteResult(unique.size(), 0, items.size() - unique.size());
  }

  @Override
  public WriteResult apply(List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return WriteResult.EMPTY;
    }
    Map<ItemKey, Change> unique = new LinkedHashMap<>();
    for (ChangeEvent e : events) {
      unique.remove(e.key());
      unique.put(
          e.key(), new Change(e.key(), e.kind() == ChangeEvent.Kind.REMOVE ? null : e.newImage()));
    }
    write(new ArrayList<>(unique.values()));
    return new WriteResult(unique.size(), 0, events.size() - unique.size());
  }

  /** A key's new state: the item, or {@code null} for a delete. */
  private record Change(ItemKey key, Map<String, AttributeValue> item) {}

  private void write(List<Change> changes) {
    try {
      retrier.call(
          "prepare echo marks",
          () -> {
            echo.ensure(db);
            return null;
          });
      call(
          "write " + name,
          c -> {
            runAll(c, changes);
            return null;
          });
    } catch (RuntimeException e) {
      if (changes.size() == 1 || !(rootSql(e) instanceof SQLException)) {
        throw changes.size() == 1 && rootSql(e) instanceof SQLException
            ? new ItemWriteException(name, changes.get(0).key(), e)
            : e;
      }
      // find the change the database refuses, naming its key; the others are written
      for (Change one : changes) {
        write(List.of(one));
      }
    }
  }

  private static Throwable rootSql(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException) {
        return c;
      }
    }
    return null;
  }

  private void runAll(Connection c, List<Change> changes) throws SQLException {
    echo.mark(c);
    String cols = String.join(", ", keyNames().stream().map(PostgresTarget::quote).toList());
    String marks = "?, ".repeat(keyNames().size());
    String upsertSql =
        "insert into "
            + table()
            + " ("
            + cols
            + ", "
            + ITEM
            + ") values ("
            + marks
            + "?::jsonb) on conflict ("
            + cols
            + ") do update set "
            + ITEM
            + " = excluded."
            + ITEM;
    String deleteSql = "delete from " + table() + " where " + where();
    try (PreparedStatement upsert = c.prepareStatement(upsertSql);
        PreparedStatement delete = c.prepareStatement(deleteSql)) {
      // the changes name distinct keys (folded per key), so deletes and upserts may go as two
      // batches: one round trip each instead of one per row
      int upserts = 0;
      int deletes = 0;
      for (Change ch : changes) {
        if (ch.item() == null) {
          bindKey(delete, ch.key(), 1);
          delete.addBatch();
          deletes++;
        } else {
          int i = bindKey(upsert, ch.key(), 1);
          upsert.setString(i, ItemJson.write(ch.item()));
          upsert.addBatch();
          upserts++;
        }
      }
      if (deletes > 0) {
        delete.executeBatch();
      }
      if (upserts > 0) {
        upsert.executeBatch();
      }
    }
  }

  private String where() {
    return String.join(" and ", keyNames().stream().map(k -> quote(k) + " = ?").toList());
  }

  private int bindKey(PreparedStatement s, ItemKey key, int from) throws SQLException {
    int i = from;
    for (String k : keyNames()) {
      AttributeValue v = key.values().get(k);
      switch (v.type()) {
        case N -> s.setBigDecimal(i++, new BigDecimal(v.n()));
        case B -> s.setBytes(i++, v.b().asByteArray());
        default -> s.setString(i++, v.s());
      }
    }
    return i;
  }

  @Override
  public Optional<Map<String, AttributeValue>> read(ItemKey key) {
    return call(
        "read " + name,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select " + ITEM + "::text from " + table() + " where " + where())) {
            bindKey(s, key, 1);
            ResultSet r = s.executeQuery();
            return r.next() ? Optional.of(ItemJson.read(r.getString(1))) : Optional.empty();
          }
        });
  }

  @Override
  public Stream<Map<String, AttributeValue>> scan() {
    try {
      Connection c = db.dedicated();
      Statement s = c.createStatement();
      s.setFetchSize(1000);
      ResultSet r = s.executeQuery("select " + ITEM + "::text from " + table());
      Stream<Map<String, AttributeValue>> rows =
          Stream.generate(
                  () -> {
                    try {
                      return r.next() ? ItemJson.read(r.getString(1)) : null;
                    } catch (SQLException e) {
                      throw new IllegalStateException(
                          "scanning " + name + ": " + e.getMessage(), e);
                    }
                  })
              .takeWhile(java.util.Objects::nonNull);
      return rows.onClose(
          () -> {
            try {
              c.close();
            } catch (SQLException ignored) {
              // closing anyway
            }
          });
    } catch (SQLException e) {
      throw new IllegalStateException("scanning " + name + ": " + e.getMessage(), e);
    }
  }

  private <T> T call(String what, PostgresConnections.Work<T> work) {
    return retrier.call(what, () -> db.inTransaction(work));
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
