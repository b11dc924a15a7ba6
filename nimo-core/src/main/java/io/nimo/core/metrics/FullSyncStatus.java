package io.nimo.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Renders a job's full-sync progress: {@code /progress} in the original NimoShake JSON shape (plus
 * a {@code table_detail} object with exact counters) and {@code /metrics} in Prometheus text.
 */
public final class FullSyncStatus {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JobProgress progress;

  /**
   * A view of the job's progress.
   *
   * @param progress the live progress
   */
  public FullSyncStatus(JobProgress progress) {
    this.progress = progress;
  }

  /** {@code GET /progress}: the original's JSON shape plus {@code table_detail}. */
  public String progressJson() {
    List<TableProgress.Snapshot> tables = progress.snapshot();
    long finished = tables.stream().filter(t -> t.state() == TableProgress.State.DONE).count();
    long waiting = tables.stream().filter(t -> t.state() == TableProgress.State.WAITING).count();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("progress", percent(tables.isEmpty() ? 0 : finished * 100.0 / tables.size()));
    n.put("total_collection_number", tables.size());
    n.put("finished_collection_number", finished);
    n.put("processing_collection_number", tables.size() - finished - waiting);
    n.put("wait_collection_number", waiting);
    ObjectNode metric = n.putObject("collection_metric");
    ObjectNode detail = n.putObject("table_detail");
    for (TableProgress.Snapshot t : tables) {
      metric.put(
          t.table(),
          t.state() == TableProgress.State.WAITING
              ? "-"
              : (t.state() == TableProgress.State.DONE ? "100%" : percent(t.percent()))
                  + " ("
                  + t.totalWritten()
                  + "/"
                  + t.estimatedTotal()
                  + ")");
      ObjectNode d = detail.putObject(t.table());
      d.put("state", t.state().name().toLowerCase(Locale.ROOT));
      d.put("read", t.read());
      d.put("written", t.written());
      d.put("resumed_from", t.resumedFrom());
      d.put("retried", t.retried());
      d.put("failed", t.failed());
      d.put("items_per_second", Math.round(t.itemsPerSecond()));
      d.put("segments_done", t.segments().done());
      d.put("segments_partly_written", t.segments().partly());
      d.put("segments_total", t.segments().total());
      if (!t.activity().isEmpty()) {
        d.put("activity", t.activity());
      }
    }
    return n.toString();
  }

  /** {@code GET /metrics}: Prometheus text format. */
  public String prometheus() {
    StringBuilder b = new StringBuilder();
    metric(b, "nimo_full_items_read_total", "counter", "Items read from the source in this run");
    progress.snapshot().forEach(t -> sample(b, "nimo_full_items_read_total", t.table(), t.read()));
    metric(
        b, "nimo_full_items_written_total", "counter", "Items written to the target in this run");
    progress
        .snapshot()
        .forEach(t -> sample(b, "nimo_full_items_written_total", t.table(), t.written()));
    metric(b, "nimo_full_items_retried_total", "counter", "Item writes re-driven");
    progress
        .snapshot()
        .forEach(t -> sample(b, "nimo_full_items_retried_total", t.table(), t.retried()));
    metric(b, "nimo_full_items_failed_total", "counter", "Items the target refused");
    progress
        .snapshot()
        .forEach(t -> sample(b, "nimo_full_items_failed_total", t.table(), t.failed()));
    metric(b, "nimo_full_table_done", "gauge", "1 when the table's full sync is complete");
    progress
        .snapshot()
        .forEach(
            t ->
                sample(
                    b,
                    "nimo_full_table_done",
                    t.table(),
                    t.state() == TableProgress.State.DONE ? 1 : 0));
    return b.toString();
  }

  private static void metric(StringBuilder b, String name, String type, String help) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder b, String name, String table, long value) {
    b.append(name)
        .append("{table=\"")
        .append(table.replace("\"", "\\\""))
        .append("\"} ")
        .append(value)
        .append('\n');
  }

  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.2f%%", p);
  }
}
