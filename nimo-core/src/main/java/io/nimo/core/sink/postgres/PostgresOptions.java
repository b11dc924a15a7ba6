package io.nimo.core.sink.postgres;

import static io.nimo.core.config.ConfigOption.string;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ConfigOption;
import io.nimo.core.config.TargetOptions;
import java.util.List;

/** The keys only the PostgreSQL target reads. */
public final class PostgresOptions implements TargetOptions {
  /** {@code target.postgresql.schema}: where the tables are created. */
  public static final ConfigOption<String> SCHEMA =
      string(
          "target.postgresql.schema",
          "public",
          "PostgreSQL target: the schema of the tables (one per DynamoDB table: key columns + a jsonb item "
              + "column holding the whole item as DynamoDB JSON).");

  /** {@code target.postgresql.echo_table}: where each write transaction is marked as ours. */
  public static final ConfigOption<String> ECHO_TABLE =
      string(
          "target.postgresql.echo_table",
          "nimo_echo",
          "PostgreSQL target: table (in target.postgresql.schema) where every write transaction is "
              + "marked as nimo-shake's, so polardb-backsync does not send these changes back to "
              + "DynamoDB while both directions run (its echo.markerTable). Empty = no marks.");

  public static final ConfigOption<String> ITEM_COLUMN =
      string(
              "target.postgresql.item_column",
              "item",
              "PostgreSQL target: the jsonb column holding the whole item as DynamoDB JSON. "
                  + "polardb_document is PolarDB-DDB's own name for it, so SQL written for one "
                  + "layout reads the other; polardb-backsync finds either name. Tables created "
                  + "with another name keep theirs: change it only for new targets.")
          .withValidator(
              (k, v) -> {
                if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                  throw new ConfigException(
                      k, "'" + v + "' is not a column name (letters, digits, _)");
                }
              });

  @Override
  public String targetType() {
    return "postgresql";
  }

  @Override
  public List<ConfigOption<?>> options() {
    return List.of(SCHEMA, ECHO_TABLE, ITEM_COLUMN);
  }
}
