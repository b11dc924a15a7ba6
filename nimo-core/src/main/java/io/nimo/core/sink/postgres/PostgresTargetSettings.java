package io.nimo.core.sink.postgres;

import io.nimo.core.config.Concurrency;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.TargetAccess;

/**
 * How a PostgreSQL target session is opened.
 *
 * @param target where the target is and its account
 * @param connections the pool's size: every full-sync writer and shard reader at once
 * @param schema {@code target.postgresql.schema}
 * @param itemColumn {@code target.postgresql.item_column}
 * @param echoTable {@code target.postgresql.echo_table}
 */
record PostgresTargetSettings(
    TargetAccess target, int connections, String schema, String itemColumn, String echoTable) {

  static PostgresTargetSettings from(Configuration c, int defaultWriters) {
    Concurrency k = Concurrency.from(c);
    return new PostgresTargetSettings(
        TargetAccess.from(c),
        k.fullSyncWriters(defaultWriters) + k.shardReaders() + 4,
        c.get(PostgresOptions.SCHEMA),
        c.get(PostgresOptions.ITEM_COLUMN),
        c.get(PostgresOptions.ECHO_TABLE));
  }
}
