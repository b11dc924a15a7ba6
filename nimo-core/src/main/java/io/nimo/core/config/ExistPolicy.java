package io.nimo.core.config;

/** What a target does when the target table already exists ({@code target.db.exist}). */
public enum ExistPolicy {
  /** Stop with an error naming the table (the safe default; written empty). */
  FAIL(""),
  /** Delete the existing table and create it anew. */
  DROP("drop"),
  /** Keep the existing table under a timestamped name (targets that can rename, e.g. MongoDB). */
  RENAME("rename");

  private final String spelling;

  ExistPolicy(String spelling) {
    this.spelling = spelling;
  }

  /** The value as written in the conf file. */
  @Override
  public String toString() {
    return spelling;
  }
}
