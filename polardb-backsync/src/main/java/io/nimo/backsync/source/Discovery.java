package io.nimo.backsync.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@link LayoutDiscovery} found: the layouts, and the problems that stop the job. */
public final class Discovery {
  private final Layouts layouts;
  private final List<String> problems;
  private final Map<String, String> notes;

  Discovery(Layouts layouts, List<String> problems, Map<String, String> notes) {
    this.layouts = layouts;
    this.problems = List.copyOf(problems);
    this.notes = Map.copyOf(notes);
  }

  /**
   * The layouts of the tables that can be synced back.
   *
   * @return the layouts
   */
  public Layouts layouts() {
    return layouts;
  }

  /**
   * What must be fixed before the job can run, one line each; empty when it can.
   *
   * @return the problems
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * The report {@code --describe} prints and the job logs at start: one line per table.
   *
   * @param targetOf how a DynamoDB table name is shown as the target
   * @return the lines
   */
  public List<String> report(String targetOf) {
    List<String> out = new ArrayList<>();
    for (TableLayout l : layouts.tables()) {
      out.add(
          l.describe()
              + " -> DynamoDB table "
              + l.table()
              + targetOf
              + ", "
              + notes.getOrDefault(l.table(), ""));
    }
    for (Map.Entry<String, String> s : layouts.skippedWithReasons().entrySet()) {
      out.add("skipped " + s.getKey() + ": " + s.getValue());
    }
    for (String p : problems) {
      out.add("PROBLEM: " + p);
    }
    return out;
  }
}
