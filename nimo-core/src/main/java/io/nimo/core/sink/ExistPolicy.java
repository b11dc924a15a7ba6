package io.nimo.core.sink;

import java.util.Locale;

/**
 * What {@link Target#prepare} does when the target table already exists ({@code target.db.exist}).
 */
public enum ExistPolicy {
  /** Stop with an error naming the table (the safe default). */
  FAIL,
  /** Delete the existing table and create it anew. */
  DROP,
  /** Keep the existing table under a timestamped name (targets that can rename, e.g. MongoDB). */
  RENAME;

  /**
   * The policy of a {@code target.db.exist} value ({@code ""}, {@code drop} or {@code rename}).
   *
   * @param value the value
   * @return the policy of a {@code target.db.exist} value ({@code ""} or {@code drop})
   */
  public static ExistPolicy fromConfig(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "" -> FAIL;
      case "drop" -> DROP;
      case "rename" -> RENAME;
      default ->
          throw new IllegalArgumentException("unknown target.db.exist value '" + value + "'");
    };
  }
}
