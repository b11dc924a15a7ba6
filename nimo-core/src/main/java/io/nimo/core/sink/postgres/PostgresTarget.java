package io.nimo.core.sink.postgres;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.item.ItemJson;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.TableSchema;
import io.nimo.core.postgres.PostgresEndpoint;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.KeyFold;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One table as a PostgreSQL table {@code "<schema>"."<table>"}: one column per key attribute (S →
 * text, N → numeric, B → bytea), the primary key on them, and a jsonb column ({@code
 * target.postgresql.item_column}) with the whole item as DynamoDB JSON (lossless, every type). GSIs
 * and LSIs become expression indexes on the item. Writes are {@code INSERT ... ON CONFLICT DO
 * UPDATE} upserts and deletes by key, folded per key, one transaction per call. Thread-safe.
 */
final class PostgresTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresTarget.class);

  private final PostgresTableName table;
  private final PostgresEndpoint db;
  private final EchoMarker echo;
  private final Retrier retrier;

  PostgresTarget(PostgresTableName table, PostgresEndpoint db, EchoMarker echo, Retrier retrier) {
    this.table = table;
    this.db = db;
    this.echo = echo;
    this.retrier = retrier;
  }

  @Override
  public String name() {
    return table.name();
  }

  @Override
  public PrepareResult prepare(TableSchema source, ExistPolicy policy) {
    PrepareResult r =
        call(
            "prepare " + table.name(),
            c -> new PostgresTableDdl(table).prepare(c, source, policy, retrier.clock().instant()));
    LOG.info("table {} ready (key {})", table.display(), table.keys());
    return r;
  }

  @Override
  public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
    Map<ItemKey, Map<String, AttributeValue>> unique =
        KeyFold.lastPerKey(items, table.keys()::keyOf, item -> item);
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
    Map<ItemKey, Change> unique =
        KeyFold.lastPerKey(
            events,
            ChangeEvent::key,
            e -> new Change(e.key(), e.kind() == ChangeEvent.Kind.REMOVE ? null : e.newImage()));
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
          "write " + table.name(),
          c -> {
            runAll(c, changes);
            return null;
          });
    } catch (RuntimeException e) {
      if (changes.size() == 1 || !(rootSql(e) instanceof SQLException)) {
        throw changes.size() == 1 && rootSql(e) instanceof SQLException
            ? new ItemWriteException(table.name(), changes.get(0).key(), e)
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
    String cols = table.keyColumnsSql();
    String marks = "?, ".repeat(table.keys().attributes().size());
    String upsertSql =
        "insert into "
            + table.sql()
            + " ("
            + cols
            + ", "
            + table.itemColumnSql()
            + ") values ("
            + marks
            + "?::jsonb) on conflict ("
            + cols
            + ") do update set "
            + table.itemColumnSql()
            + " = excluded."
            + table.itemColumnSql();
    String deleteSql = "delete from " + table.sql() + " where " + table.whereKey();
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

  private int bindKey(PreparedStatement s, ItemKey key, int from) throws SQLException {
    int i = from;
    for (String k : table.keys().attributes()) {
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
        "read " + table.name(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + table.itemColumnSql()
                      + "::text from "
                      + table.sql()
                      + " where "
                      + table.whereKey())) {
            bindKey(s, key, 1);
            ResultSet r = s.executeQuery();
            return r.next() ? Optional.of(ItemJson.read(r.getString(1))) : Optional.empty();
          }
        });
  }

  @Override
  public long count(int parallelism) {
    return call(
        "count " + table.name(),
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r = s.executeQuery("select count(*) from " + table.sql())) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  @Override
  public Stream<Map<String, AttributeValue>> scan() {
    try {
      Connection c = db.dedicated();
      Statement s = c.createStatement();
      s.setFetchSize(1000);
      ResultSet r =
          s.executeQuery("select " + table.itemColumnSql() + "::text from " + table.sql());
      Stream<Map<String, AttributeValue>> rows =
          Stream.generate(
                  () -> {
                    try {
                      return r.next() ? ItemJson.read(r.getString(1)) : null;
                    } catch (SQLException e) {
                      throw new IllegalStateException(
                          "scanning " + table.name() + ": " + e.getMessage(), e);
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
      throw new IllegalStateException("scanning " + table.name() + ": " + e.getMessage(), e);
    }
  }

  private <T> T call(String what, PostgresEndpoint.Work<T> work) {
    return retrier.call(what, () -> db.inTransaction(work));
  }
}
