package io.nimo.core.sync.plan;

import io.nimo.core.config.Configuration;
import io.nimo.core.source.export.ExportSettings;
import io.nimo.core.sync.SyncSettings;
import io.nimo.core.sync.full.FullSyncSettings;
import io.nimo.core.wiring.JobBuilder;
import io.nimo.core.wiring.JobComponents;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nimo-shake --plan}: what copying each selected table would take (items and bytes, Scan
 * segments, calls, read units and duration at {@code qps.full}, an export's size and cost, the
 * stream and point-in-time recovery, what {@code full.source} would do), from reads only. Nothing
 * is written: no target table, no checkpoint, no export request.
 */
public final class PlanJob implements AutoCloseable {
  private final JobComponents parts;
  private final SyncSettings job;
  private final FullSyncSettings full;
  private final ExportSettings export;

  private PlanJob(Builder b) {
    Configuration c = b.configuration();
    this.parts = b.components().build();
    this.job = SyncSettings.from(c);
    this.full = FullSyncSettings.from(c);
    this.export = ExportSettings.from(c);
  }

  /** A builder over the configuration, validated here. */
  public static Builder builder(Configuration config) {
    return new Builder(config);
  }

  /**
   * Plans every selected table.
   *
   * @return the plans, in table order
   */
  public List<TablePlan> run() {
    List<String> tables =
        job.tables().select(parts.sourceRetrier().call("ListTables", parts.source()::listTables));
    export.requireFits(tables);
    CopyPlanner planner =
        new CopyPlanner(
            parts.source(),
            parts.sourceRetrier(),
            parts::exports,
            parts::objects,
            full,
            export,
            parts.clock());
    List<TablePlan> out = new ArrayList<>();
    for (String t : tables) {
      out.add(planner.plan(t, job.mode().follows()));
    }
    return out;
  }

  /**
   * The plans as {@code --plan} prints them.
   *
   * @param plans what {@link #run()} returned
   * @return the text
   */
  public String describe(List<TablePlan> plans) {
    StringBuilder b =
        new StringBuilder("nimo-shake plan of job '")
            .append(job.id())
            .append("' (sync_mode = ")
            .append(job.mode().name().toLowerCase(java.util.Locale.ROOT))
            .append(", full.source = ")
            .append(export.fromExport() ? "export" : "scan")
            .append("): ")
            .append(plans.size())
            .append(" table(s); nothing was written")
            .append(System.lineSeparator());
    plans.forEach(p -> b.append(p.describe(full.scanQps(), export.pricePerGb())));
    return b.toString();
  }

  @Override
  public void close() {
    parts.close();
  }

  /** Collects the job's parts; anything not set is created from the configuration. */
  public static final class Builder extends JobBuilder<Builder> {
    private Builder(Configuration config) {
      super(config);
    }

    @Override
    protected Builder self() {
      return this;
    }

    private JobComponents.Builder components() {
      return parts;
    }

    private Configuration configuration() {
      return config;
    }

    /**
     * Creates the plan job; no I/O happens until {@link #run()}.
     *
     * @return the job
     */
    public PlanJob build() {
      return new PlanJob(this);
    }
  }
}
