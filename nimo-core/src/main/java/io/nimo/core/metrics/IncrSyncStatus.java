package io.nimo.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders incremental-sync status: {@code /metric} in the original NimoShake JSON shape (plus a
 * per-table {@code table_detail}) and {@code /metrics} in Prometheus text with per-table records,
 * applies, errors, lag, open shards and checkpoint age.
 */
public final class IncrSyncStatus {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Map<String, StreamProgress> progress;

  /**
   * A view of the streams' progress by table.
   *
   * @param progress the live progress
   */
  public IncrSyncStatus(Map<String, StreamProgress> progress) {
    this.progress = progress;
  }

  private List<StreamProgress.Snapshot> snapshots() {
    long now = System.currentTimeMillis();
    return progress.values().stream()
        .map(p -> p.snapshot(now))
        .sorted(java.util.Comparator.comparing(StreamProgress.Snapshot::table))
        .toList();
  }

  /** {@code GET /metric}: the original's JSON shape. */
  public String metricJson() {
    List<StreamProgress.Snapshot> all = snapshots();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("records_get", all.stream().mapToLong(StreamProgress.Snapshot::read).sum());
    n.put("records_write", all.stream().mapToLong(StreamProgress.Snapshot::applied).sum());
    n.put("checkpoint_times", all.stream().mapToLong(StreamProgress.Snapshot::batches).sum());
    ObjectNode times = n.putObject("checkpoint_update_times");
    ObjectNode detail = n.putObject("table_detail");
    for (StreamProgress.Snapshot s : all) {
      ObjectNode t = times.putObject(s.table());
      s.shards()
          .forEach(
              (id, st) -> {
                ObjectNode sh = t.putObject(id);
                sh.put("update_time", Instant.ofEpochMilli(st.updatedMillis()).toString());
                sh.put("father_shard_id", st.parentShardId() == null ? "" : st.parentShardId());
                sh.put("SequenceNumber", st.sequenceNumber() == null ? "" : st.sequenceNumber());
                sh.put("status", st.status());
              });
      ObjectNode d = detail.putObject(s.table());
      d.put("records_read", s.read());
      d.put("records_applied", s.applied());
      d.put("ttl_deletes", s.ttlDeletes());
      d.put("apply_errors", s.applyErrors());
      d.put("lag_ms", s.lagMillis());
      d.put("open_shards", s.openShards());
      d.put("checkpoint_age_ms", s.checkpointAgeMillis());
    }
    n.put("error", "");
    return n.toString();
  }

  /** {@code GET /metrics}: Prometheus text format. */
  public String prometheus() {
    StringBuilder b = new StringBuilder();
    List<StreamProgress.Snapshot> all = snapshots();
    family(
        b,
        all,
        "nimo_incr_records_read_total",
        "counter",
        "Stream records read",
        StreamProgress.Snapshot::read);
    family(
        b,
        all,
        "nimo_incr_records_applied_total",
        "counter",
        "Changes applied to the target",
        StreamProgress.Snapshot::applied);
    family(
        b,
        all,
        "nimo_incr_ttl_deletes_total",
        "counter",
        "TTL expiries applied",
        StreamProgress.Snapshot::ttlDeletes);
    family(
        b,
        all,
        "nimo_incr_apply_errors_total",
        "counter",
        "Failed applies",
        StreamProgress.Snapshot::applyErrors);
    family(
        b,
        all,
        "nimo_incr_lag_milliseconds",
        "gauge",
        "Now minus creation time of the newest applied record",
        StreamProgress.Snapshot::lagMillis);
    family(
        b,
        all,
        "nimo_incr_open_shards",
        "gauge",
        "Shards being read",
        StreamProgress.Snapshot::openShards);
    family(
        b,
        all,
        "nimo_incr_checkpoint_age_milliseconds",
        "gauge",
        "Time since the last checkpointed batch",
        StreamProgress.Snapshot::checkpointAgeMillis);
    return b.toString();
  }

  private static void family(
      StringBuilder b,
      List<StreamProgress.Snapshot> all,
      String name,
      String type,
      String help,
      java.util.function.ToLongFunction<StreamProgress.Snapshot> value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    for (StreamProgress.Snapshot s : all) {
      b.append(name)
          .append("{table=\"")
          .append(s.table())
          .append("\"} ")
          .append(value.applyAsLong(s))
          .append('\n');
    }
  }
}
