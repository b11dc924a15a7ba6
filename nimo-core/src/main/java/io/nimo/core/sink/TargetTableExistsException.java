package io.nimo.core.sink;

/** The target table exists and {@code target.db.exist} does not allow replacing it. */
public class TargetTableExistsException extends RuntimeException {
  /** The target already has {@code table}. */
  public TargetTableExistsException(String table) {
    super(
        "target table "
            + table
            + " already exists; set target.db.exist = drop to replace it, "
            + "or remove it from the target (or the sync) first");
  }
}
