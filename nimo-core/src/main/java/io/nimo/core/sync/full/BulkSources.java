package io.nimo.core.sync.full;

import io.nimo.core.checkpoint.TableCheckpoint;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ExportOptions;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.ExportApi;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import io.nimo.core.s3.ObjectStore;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.TableScanner;
import io.nimo.core.source.export.ExportFinder;
import io.nimo.core.source.export.ExportLocator;
import io.nimo.core.source.export.ExportSegments;
import io.nimo.core.source.export.ExportSettings;
import io.nimo.core.source.export.FoundExport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each table's bulk copy reads ({@code full.source}): a parallel Scan, or an export's
 * data files. For an export it finds the table's newest one under the prefix (or the one named),
 * requests one when there is none, checks that it is a full export of this table, and when the run
 * follows the stream and the stream does not reach back to the export's time, requests the
 * incremental exports that bridge the gap. A resumed table reads exactly the exports its checkpoint
 * names.
 */
public final class BulkSources {
  private static final Logger LOG = LoggerFactory.getLogger(BulkSources.class);
  private static final String EXPORT = "export";

  /** From when a table's stream holds every change. */
  @FunctionalInterface
  public interface Coverage {
    /**
     * The earliest moment the table's stream holds every change since.
     *
     * @return it, or empty when the run does not follow the streams
     */
    Optional<Instant> coveredFrom(String table);
  }

  private final DynamoClient source;
  private final Retrier retrier;
  private final ExportSettings export;
  private final Supplier<ExportApi> exports;
  private final Supplier<ObjectStore> objects;
  private final Timing timing;
  private final String jobId;
  private final Coverage coverage;

  /**
   * Bulk sources of a run.
   *
   * @param exports the export API, opened on first use
   * @param objects the exports' S3 store, opened on first use
   * @param jobId the job's id (in export requests' client tokens)
   * @param coverage what each table's stream holds (for the hand-over)
   */
  public BulkSources(
      DynamoClient source,
      Retrier retrier,
      ExportSettings export,
      Supplier<ExportApi> exports,
      Supplier<ObjectStore> objects,
      Timing timing,
      String jobId,
      Coverage coverage) {
    this.source = source;
    this.retrier = retrier;
    this.export = export;
    this.exports = exports;
    this.objects = objects;
    this.timing = timing;
    this.jobId = jobId;
    this.coverage = coverage;
  }

  /** Bulk sources that only Scan (a resync, a run without {@code full.source = export}). */
  public static BulkSources scanning(DynamoClient source, Retrier retrier) {
    return new BulkSources(
        source,
        retrier,
        ExportSettings.SCAN,
        () -> null,
        () -> null,
        Timing.SYSTEM,
        "",
        t -> Optional.empty());
  }

  /** The exports' store (for the bridging files). */
  ObjectStore store() {
    return objects.get();
  }

  /**
   * Where a table's bulk copy reads.
   *
   * @param from its checkpoint, or {@code null} for a fresh copy
   * @param note told what is being done (export requests, waits)
   * @return the plan
   * @throws ConfigException when a resumed copy's origin is not what the conf asks now
   */
  BulkPlan plan(
      String table, TableCheckpoint from, FullSyncSettings tuning, Consumer<String> note) {
    boolean resumed = from != null && from.prepared();
    String origin = resumed ? from.origin() : null;
    if (resumed && origin.startsWith(EXPORT) != export.fromExport()) {
      throw new ConfigException(
          ExportOptions.FULL_SOURCE.key(),
          "table "
              + table
              + " is half-way through a bulk copy from "
              + describe(origin)
              + ", and full.source is now "
              + (export.fromExport() ? EXPORT : "scan")
              + ": set it back to finish that copy, or start the table over (remove its"
              + " checkpoint)");
    }
    if (!export.fromExport()) {
      int segments = resumed ? from.totalSegments() : tuning.segments();
      TableScanner scanner =
          new TableScanner(source, retrier, QpsLimiter.system(tuning.scanQps()), tuning.scan());
      return new BulkPlan(scanner, segments, List.of(), TableCheckpoint.SCAN, -1);
    }
    List<FoundExport> found = resumed ? reload(origin) : locate(table, note);
    FoundExport full = found.get(0);
    int pageSize = tuning.scan().pageLimit() > 0 ? tuning.scan().pageLimit() : 100;
    ExportSegments segments = new ExportSegments(objects.get(), full, pageSize);
    List<String> uris = new ArrayList<>();
    found.forEach(e -> uris.add(e.summaryUri()));
    BulkPlan plan =
        new BulkPlan(
            segments,
            segments.count(),
            found.subList(1, found.size()),
            EXPORT + " " + String.join(" ", uris),
            full.records());
    if (resumed && plan.totalSegments() != from.totalSegments()) {
      throw new IllegalStateException(
          "table "
              + table
              + ": the checkpoint has "
              + from.totalSegments()
              + " segments, its exports "
              + plan.totalSegments());
    }
    return plan;
  }

  private List<FoundExport> locate(String table, Consumer<String> note) {
    return new ExportLocator(exports.get(), objects.get(), retrier, timing, export, jobId)
        .exportsFor(table, coverage.coveredFrom(table), note);
  }

  private List<FoundExport> reload(String origin) {
    ExportFinder finder = new ExportFinder(objects.get());
    List<FoundExport> out = new ArrayList<>();
    for (String uri : origin.substring(EXPORT.length()).trim().split(" ")) {
      out.add(finder.at(uri));
    }
    return out;
  }

  private static String describe(String origin) {
    return origin.startsWith(EXPORT)
        ? "the export " + origin.substring(EXPORT.length()).trim()
        : "a Scan";
  }
}
