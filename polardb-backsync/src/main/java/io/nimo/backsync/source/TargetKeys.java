package io.nimo.backsync.source;

import java.util.List;
import java.util.Optional;

/**
 * The key schemas of the DynamoDB tables the job writes to (DescribeTable), behind a seam we own:
 * the DynamoDB key of a PolarDB-DDB table is not in its PostgreSQL columns, but the table the job
 * writes back to was the migration's source and has it.
 */
@FunctionalInterface
public interface TargetKeys {
  /**
   * A table's key.
   *
   * @param table the DynamoDB table name
   * @return its key attributes, hash first; empty when the table does not exist
   * @throws RuntimeException when DynamoDB cannot be asked (unreachable, refused)
   */
  Optional<List<KeyAttribute>> keyOf(String table);
}
