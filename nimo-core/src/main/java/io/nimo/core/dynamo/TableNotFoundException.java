package io.nimo.core.dynamo;

/** The named table does not exist on the endpoint ({@code ResourceNotFoundException}). */
public final class TableNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The missing table. */
  private final String table;

  /**
   * Wraps the server's answer.
   *
   * @param cause the SDK's exception
   */
  public TableNotFoundException(String table, Throwable cause) {
    super("table " + table + " does not exist", cause);
    this.table = table;
  }

  /**
   * The missing table.
   *
   * @return its name
   */
  public String table() {
    return table;
  }
}
