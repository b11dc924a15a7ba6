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

  public TableProgress register(String table) {
    return byName.computeIfAbsent(table, t -> {
      TableProgress p = new TableProgress(t);
      ordered.add(p);
      return p;
    });
  }

  public List<TableProgress.Snapshot> snapshot() {
    List<TableProgress.Snapshot> out = new ArrayList<>();
    ordered.forEach(p -> out.add(p.snapshot()));
    return out;
  }
}
