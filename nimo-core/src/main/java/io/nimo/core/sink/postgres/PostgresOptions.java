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

  @Override
  public String targetType() {
    return "postgresql";
  }

  @Override
  public List<ConfigOption<?>> options() {
    return List.of(SCHEMA);
  }
}
