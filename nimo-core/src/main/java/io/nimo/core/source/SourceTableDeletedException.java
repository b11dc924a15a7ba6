package io.nimo.core.source;

/** A source table that a running job follows was deleted; its sync stops, other tables go on. */
public final class SourceTableDeletedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception naming the table.
   *
   * @param table the deleted table
   * @param cause the source's answer
   */
  public SourceTableDeletedException(String table, Throwable cause) {
    super(
        "table "
            + table
            + " was deleted on the source; its incremental sync stops (the other tables go on)",
        cause);
  }
}
