package io.nimo.core.sink.postgres;

import io.nimo.core.item.KeySchema;
import io.nimo.core.postgres.PostgresEndpoint;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;

/** The tables of one job in one PostgreSQL schema; owns (closes) the connection pool. */
final class PostgresTargetSession implements TargetSession {
  private final PostgresEndpoint db;
  private final String schema;
  private final String itemColumn;
  private final EchoMarker echo;
  private final Retrier retrier;

  PostgresTargetSession(
      PostgresEndpoint db, String schema, String itemColumn, EchoMarker echo, Retrier retrier) {
    this.db = db;
    this.schema = schema;
    this.itemColumn = itemColumn;
    this.echo = echo;
    this.retrier = retrier;
  }

  @Override
  public Target table(String name, KeySchema keys) {
    return new PostgresTarget(
        new PostgresTableName(schema, name, keys, itemColumn), db, echo, retrier);
  }

  @Override
  public void close() {
    db.close();
  }
}
