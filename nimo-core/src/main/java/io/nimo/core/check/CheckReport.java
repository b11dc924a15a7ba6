package io.nimo.core.check;

import java.util.List;

/**
 * What a {@link CheckJob} found.
 *
 * @param tables one result per checked table
 * @param stopped whether {@link CheckJob#stop()} ended the check before every table was done
 */
public record CheckReport(List<TableCheck> tables, boolean stopped) {

  /**
   * Copies the table list.
   *
   * @param tables the table names
   * @param stopped whether it stopped early
   */
  public CheckReport {
    tables = List.copyOf(tables);
  }

  /** Whether every table was checked completely and matched. */
  public boolean consistent() {
    return !stopped && tables.stream().allMatch(TableCheck::consistent);
  }
}
