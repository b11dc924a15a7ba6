package io.nimo.flink.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One Flink counter per table under a {@code table} group (e.g. {@code nimoItemsScanned} of table
 * T), registered on first use, so any metrics reporter sees per-table figures.
 */
public final class TableCounter {
  private final MetricGroup metrics;
  private final String name;
  private final Map<String, Counter> tables = new HashMap<>();

  /**
   * A counter family.
   *
   * @param metrics the operator's metric group
   * @param name the counter's name in each table's group
   */
  public TableCounter(MetricGroup metrics, String name) {
    this.metrics = metrics;
    this.name = name;
  }

  /**
   * Adds to one table's counter.
   *
   * @param table the table
   * @param n how many
   */
  public void inc(String table, long n) {
    tables.computeIfAbsent(table, t -> metrics.addGroup("table", t).counter(name)).inc(n);
  }
}
