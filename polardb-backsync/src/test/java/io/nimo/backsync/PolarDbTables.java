package io.nimo.backsync;

import io.nimo.core.testkit.PostgresLocal;

/**
 * Tables shaped from what is public about PolarDB-DDB's own tables, in a database named as its
 * DynamoDB endpoint's: a surrogate {@code bigserial} key, no primary key, DynamoDB-key columns and
 * a bytea key (nimo-shake's shape), each with the item in {@code polardb_document}, next to a
 * catalog-like table; names with capitals, {@code -} and {@code .}.
 */
public final class PolarDbTables {
  /** The database PolarDB-DDB keeps its tables in. */
  public static final String DB = "polardb_internal_dynamodb";

  private PolarDbTables() {}

  /**
   * Creates the database and the tables.
   *
   * @param pg the server
   */
  public static void create(PostgresLocal pg) {
    pg.exec("create database " + DB);
    pg.execIn(
        DB,
        "create table \"User-Table\" (id bigserial primary key, polardb_document jsonb not null)",
        "alter table \"User-Table\" replica identity full",
        "create table \"events.v1\" (polardb_document jsonb)",
        "alter table \"events.v1\" replica identity full",
        "create table \"Orders\" (pk text, sk numeric, polardb_document jsonb not null,"
            + " primary key (pk, sk))",
        "create table \"Blobs\" (k bytea primary key, polardb_document jsonb not null)",
        "create table ddb_catalog (name text primary key, meta jsonb)",
        "insert into ddb_catalog values ('User-Table', '{\"v\":1}')");
  }
}
