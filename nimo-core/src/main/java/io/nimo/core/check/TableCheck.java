package io.nimo.core.check;

import java.nio.file.Path;

/**
 * The result of checking one table.
 *
 * @param checked source items compared with the target
 * @param missing items on the source but not on the target
 * @param different items whose attributes differ
 * @param extra items on the target but not on the source
 * @param diffFile the table's diff report ({@code <table>.jsonl}), or {@code null} when consistent
 * @param error why the check did not finish, or {@code null}
 * @param rechecked differences of the first pass compared again after a pause
 * @param resolved of those, how many were gone then (a change not yet visible on the target, or not
 *     yet applied by the sync): not reported
 */
public record TableCheck(
    String table,
    long checked,
    long missing,
    long different,
    long extra,
    Path diffFile,
    String error,
    long rechecked,
    long resolved) {

  /** A result without a recheck. */
  public TableCheck(
      String table,
      long checked,
      long missing,
      long different,
      long extra,
      Path diffFile,
      String error) {
    this(table, checked, missing, different, extra, diffFile, error, 0, 0);
  }

  /** Whether the table finished and no difference was found. */
  public boolean consistent() {
    return error == null && missing == 0 && different == 0 && extra == 0;
  }
}
