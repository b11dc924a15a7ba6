package io.nimo.backsync.source;

/** SQL text helpers for names that may hold capitals, {@code -} and {@code .}. */
final class Sql {
  private Sql() {}

  /**
   * A quoted identifier.
   *
   * @param identifier the name as PostgreSQL keeps it
   * @return the name in double quotes, inner quotes doubled
   */
  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
