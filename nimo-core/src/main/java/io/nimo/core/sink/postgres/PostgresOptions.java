package io.nimo.core.sink.postgres;

import static io.nimo.core.config.ConfigOption.string;

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

  @Override
  public String targetType() {
    return "postgresql";
  }

  @Override
  public List<ConfigOption<?>> options() {
    return List.of(SCHEMA, ECHO_TABLE);
  }
}
