package io.nimo.core.check;

/**
 * The result of repairing one table.
 *
 * @param listed differences in its report
 * @param written items copied from the source (missing or different ones)
 * @param deleted items deleted from the target (no longer on the source)
 * @param unresolved items that still differ after the repair (changing while repaired, or refused)
 * @param error why the repair did not finish, or {@code null}
 * @param readAgain fixed items that read back stale at first and had to be read again (a target
 *     whose reads lag its writes)
 */
public record TableRepair(
    String table,
    long listed,
    long written,
    long deleted,
    long unresolved,
    String error,
    long readAgain) {

  /** A result without items read again. */
  public TableRepair(
      String table, long listed, long written, long deleted, long unresolved, String error) {
    this(table, listed, written, deleted, unresolved, error, 0);
  }

  /** Whether every listed difference is gone. */
  public boolean complete() {
    return error == null && unresolved == 0;
  }
}
