package io.nimo.core.sync.plan;

import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.ExportApi;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.retry.Retrier;
import io.nimo.core.s3.ObjectStore;
import io.nimo.core.source.export.ExportFinder;
import io.nimo.core.source.export.ExportLocation;
import io.nimo.core.source.export.ExportRefusedException;
import io.nimo.core.source.export.ExportSettings;
import io.nimo.core.source.export.FoundExport;
import io.nimo.core.source.stream.StreamCoverage;
import io.nimo.core.sync.full.FullSyncSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Works out what copying a table would take, reading only: DescribeTable, the point-in-time
 * recovery setting and, with {@code full.source = export}, the export's manifests. Nothing is
 * requested, created or written.
 */
public final class CopyPlanner {
  private static final long PAGE_BYTES = 1L << 20;
  private static final long READ_UNIT_BYTES = 4096;
  private static final BigDecimal GB = BigDecimal.valueOf(1L << 30);

  private final DynamoTables source;
  private final Retrier retrier;
  private final Supplier<ExportApi> exports;
  private final Supplier<ObjectStore> objects;
  private final FullSyncSettings full;
  private final ExportSettings export;
  private final Clock clock;

  /** A planner over the source's calls and the run's settings. */
  public CopyPlanner(
      DynamoTables source,
      Retrier retrier,
      Supplier<ExportApi> exports,
      Supplier<ObjectStore> objects,
      FullSyncSettings full,
      ExportSettings export,
      Clock clock) {
    this.source = source;
    this.retrier = retrier;
    this.exports = exports;
    this.objects = objects;
    this.full = full;
    this.export = export;
    this.clock = clock;
  }

  /**
   * The plan of one table.
   *
   * @param follows whether the run follows the stream after the copy ({@code sync_mode = all})
   * @return the plan
   */
  public TablePlan plan(String table, boolean follows) {
    TableInfo info = retrier.call("DescribeTable " + table, () -> source.describeTable(table));
    long bytes = info.sizeBytes();
    long items = info.itemCount();
    int limit = full.scan().pageLimit();
    long calls = Math.max(1, ceil(bytes, PAGE_BYTES));
    if (limit > 0) {
      calls = Math.max(calls, ceil(items, limit));
    }
    long readUnits = (ceil(bytes, READ_UNIT_BYTES) + 1) / 2;
    long seconds = full.scanQps() > 0 ? ceil(calls, full.scanQps()) : -1;
    BigDecimal gb = BigDecimal.valueOf(bytes).divide(GB, 3, RoundingMode.UP);
    BigDecimal cost = gb.multiply(export.pricePerGb()).setScale(2, RoundingMode.UP);
    String pitr = pointInTimeRecovery(table);
    String stream = info.stream() == null ? "off" : "on (" + info.stream() + ")";
    String bulk =
        export.fromExport()
            ? fromExport(table, info.streamArn(), follows, pitr)
            : "scan: "
                + full.segments()
                + " parallel segment(s) of the live table"
                + (follows ? "; the stream is read from the Scan's start" : "");
    return new TablePlan(
        table,
        items,
        bytes,
        stream,
        pitr,
        full.segments(),
        calls,
        readUnits,
        seconds,
        gb,
        cost,
        bulk);
  }

  private String pointInTimeRecovery(String table) {
    try {
      ExportApi api = exports.get();
      return api.pointInTimeRecovery(table) ? "on" : "off";
    } catch (RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private String fromExport(String table, String streamArn, boolean follows, String pitr) {
    ExportLocation at = export.location();
    Optional<FoundExport> found;
    try {
      ExportFinder finder = new ExportFinder(objects.get());
      found =
          at.single() ? Optional.of(finder.at(at.bucket(), at.path())) : finder.newest(at, table);
      if (found.isPresent()) {
        ExportFinder.requireFullExportOf(found.get(), exports.get().tableArn(table));
      }
    } catch (ExportRefusedException e) {
      return "export: refused, " + e.getMessage();
    }
    if (found.isEmpty()) {
      return "export: none found under "
          + at
          + "/"
          + table
          + ("on".equals(pitr)
              ? ": a full export would be requested there and waited for"
              : ": one would be requested, which needs point-in-time recovery on (it is "
                  + pitr
                  + ")");
    }
    FoundExport e = found.get();
    Instant t = e.summary().exportTime();
    String reads =
        "export: reads "
            + e.summaryUri()
            + " of "
            + t
            + " ("
            + e.files().size()
            + " file(s), "
            + e.records()
            + " item(s), "
            + e.summary().format()
            + ")";
    if (!follows) {
      return reads;
    }
    Instant now = clock.instant();
    Instant covered = streamArn == null ? now : StreamCoverage.coveredFrom(streamArn, now);
    if (StreamCoverage.reaches(covered, t)) {
      return reads + "; the stream reaches back to its time: it takes over directly";
    }
    Instant until = covered.plus(StreamCoverage.HANDOVER_MARGIN);
    long windows = Math.max(1, ceil(Duration.between(t, until).toMinutes(), 24 * 60));
    return reads
        + "; the stream holds changes only since "
        + (streamArn == null ? "it is enabled (at start)" : covered.toString())
        + ": about "
        + windows
        + " incremental export(s) would bridge the gap (point-in-time recovery "
        + pitr
        + ")";
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }
}
