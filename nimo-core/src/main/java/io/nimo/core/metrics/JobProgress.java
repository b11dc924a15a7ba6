package io.nimo.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The progress of every table of a job, in the order they were registered. Thread-safe. */
public final class JobProgress {
  private final Map<String, TableProgress> byName = new ConcurrentHashMap<>();
  private final List<TableProgress> ordered = new CopyOnWriteArrayList<>();

  /** The progress of {@code table}, created on first use. */
  public TableProgress register(String table) {
    return byName.computeIfAbsent(
        table,
        t -> {
          TableProgress p = new TableProgress(t);
          ordered.add(p);
          return p;
        });
  }

  /**
   * Starts a table's progress afresh (a table copied again), keeping its place in the order.
   *
   * @return the new progress
   */
  public TableProgress restart(String table) {
    TableProgress p = new TableProgress(table);
    TableProgress old = byName.put(table, p);
    if (old == null) {
      ordered.add(p);
    } else {
      ordered.replaceAll(x -> x == old ? p : x);
    }
    return p;
  }

  /**
   * The live progress of every table, in registration order.
   *
   * @return the tables' progress objects
   */
  public List<TableProgress> tables() {
    return List.copyOf(ordered);
  }

  /** Snapshots of every table, in registration order. */
  public List<TableProgress.Snapshot> snapshot() {
    List<TableProgress.Snapshot> out = new ArrayList<>();
    ordered.forEach(p -> out.add(p.snapshot()));
    return out;
  }
}
