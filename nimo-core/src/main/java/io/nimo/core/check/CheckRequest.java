package io.nimo.core.check;

import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.Configuration;

/**
 * What a {@code nimo-full-check.conf} asks of a check, read once; {@link CheckJob.Builder#request}
 * applies it.
 *
 * @param folders where the reports and the state go
 * @param sample {@code sample}: items compared per table, 0 = every item
 * @param recheck {@code recheck_after}: when differences are compared again
 * @param findExtras {@code find_extras}: look for items only on the target
 * @param parallelTables {@code parallel_tables}: tables checked at the same time
 * @param mode {@code mode}: every item, or only the keys changed since the last clean check
 */
public record CheckRequest(
    DiffFolders folders,
    long sample,
    Recheck recheck,
    boolean findExtras,
    int parallelTables,
    CheckMode mode) {

  /**
   * The check keys of a {@code nimo-full-check.conf}.
   *
   * @param c a configuration over {@link CheckOptions#CHECK}
   * @return the request
   */
  public static CheckRequest from(Configuration c) {
    return new CheckRequest(
        DiffFolders.from(c),
        c.get(CheckOptions.SAMPLE),
        new Recheck(c.get(CheckOptions.RECHECK_AFTER)),
        c.get(CheckOptions.FIND_EXTRAS),
        c.get(CheckOptions.PARALLEL_TABLES),
        CheckMode.of(c.get(CheckOptions.MODE)));
  }
}
