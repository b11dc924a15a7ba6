package io.nimo.core.checkpoint.postgres;

import io.nimo.core.checkpoint.CheckpointDocuments;
import io.nimo.core.postgres.PostgresEndpoint;
import io.nimo.core.retry.Retrier;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The checkpoint documents as rows of one PostgreSQL table {@code (name text primary key, doc
 * jsonb)}: {@code status_table}, {@code full.<table>}, {@code incr.<table>}, with the same JSON as
 * the file store. A write is one upsert, atomic for that document, through the shared {@link
 * PostgresEndpoint} (the store keeps one pooled connection).
 */
final class PostgresDocuments implements CheckpointDocuments {
  private final PostgresEndpoint db;
  private final String table;
  private final Retrier retrier;
  private final String label;
  private volatile boolean created;

  PostgresDocuments(PostgresEndpoint db, String table, Retrier retrier, String label) {
    this.db = db;
    this.table = table;
    this.retrier = retrier;
    this.label = label;
  }

  private <T> T call(String what, PostgresEndpoint.Work<T> work) {
    return retrier.call(
        what,
        () ->
            db.inTransaction(
                c -> {
                  if (!created) {
                    try (var s = c.createStatement()) {
                      s.execute(
                          "create table if not exists "
                              + table
                              + " (name text primary key, doc jsonb not null)");
                    }
                    created = true;
                  }
                  return work.run(c);
                }));
  }

  @Override
  public Optional<String> read(String name) {
    return call(
        "read checkpoint " + name,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select doc::text from " + table + " where name = ?")) {
            s.setString(1, name);
            ResultSet r = s.executeQuery();
            return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
          }
        });
  }

  @Override
  public void write(String name, String json) {
    call(
        "write checkpoint " + name,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into "
                      + table
                      + " (name, doc) values (?, ?::jsonb) "
                      + "on conflict (name) do update set doc = excluded.doc")) {
            s.setString(1, name);
            s.setString(2, json);
            return s.executeUpdate();
          }
        });
  }

  void close() {
    db.close();
  }

  @Override
  public String describe() {
    return label;
  }
}
