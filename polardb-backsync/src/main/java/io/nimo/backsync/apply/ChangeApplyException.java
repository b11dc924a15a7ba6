package io.nimo.backsync.apply;

/** A change that cannot be applied to DynamoDB; it fails the job, naming the table and key. */
public final class ChangeApplyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An error.
   *
   * @param table the table
   * @param keyJson the item key as DynamoDB JSON
   * @param reason what went wrong
   * @param cause the underlying error, maybe null
   */
  public ChangeApplyException(String table, String keyJson, String reason, Throwable cause) {
    super("cannot apply the change of table " + table + " key " + keyJson + ": " + reason, cause);
  }
}
