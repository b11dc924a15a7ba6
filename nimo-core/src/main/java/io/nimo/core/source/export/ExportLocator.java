package io.nimo.core.source.export;

import io.nimo.core.dynamo.ExportApi;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import io.nimo.core.s3.ObjectStore;
import io.nimo.core.source.stream.StreamCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the full export a table's bulk copy reads, as {@code full.export.s3_uri} says: the one
 * export it names, or the table's newest under the prefix, or one requested there when there is
 * none. It is checked to be a complete full export of this table. nimo-shake and the Flink job both
 * start here.
 */
public final class ExportLocator {
  private static final Logger LOG = LoggerFactory.getLogger(ExportLocator.class);

  private final ExportApi api;
  private final ObjectStore store;
  private final Retrier retrier;
  private final Timing timing;
  private final ExportSettings settings;
  private final String jobId;

  /**
   * A locator.
   *
   * @param jobId the job's id (in export requests' client tokens)
   */
  public ExportLocator(
      ExportApi api,
      ObjectStore store,
      Retrier retrier,
      Timing timing,
      ExportSettings settings,
      String jobId) {
    this.api = api;
    this.store = store;
    this.retrier = retrier;
    this.timing = timing;
    this.settings = settings;
    this.jobId = jobId;
  }

  /** The table's ARN (what an export's {@code tableArn} must be). */
  public String tableArn(String table) {
    return retrier.call("DescribeTable " + table, () -> api.tableArn(table));
  }

  /** Requests exports for this job (full or incremental). */
  public ExportRequester requester() {
    return new ExportRequester(
        api, new ExportFinder(store), retrier, timing, settings, Duration.ofSeconds(30), jobId);
  }

  /**
   * The table's full export, found or requested.
   *
   * @param coveredFrom since when the table's stream holds every change, when the run follows it (a
   *     requested export waits until that is at least {@link StreamCoverage#HANDOVER_MARGIN} before
   *     now)
   * @param note told what is being done (requests, waits)
   * @return the export, checked
   * @throws ExportRefusedException naming the file when it is not a complete full export of the
   *     table
   */
  public FoundExport fullExport(
      String table, String tableArn, Optional<Instant> coveredFrom, Consumer<String> note) {
    ExportFinder finder = new ExportFinder(store);
    ExportLocation at = settings.location();
    FoundExport full;
    if (at.single()) {
      full = finder.at(at.bucket(), at.path());
    } else {
      Optional<FoundExport> newest = finder.newest(at, table);
      if (newest.isPresent()) {
        full = newest.get();
      } else {
        note.accept("no export under " + at + "/" + table + ": requesting one");
        coveredFrom.ifPresent(c -> awaitCoverage(table, c, note));
        full = requester().full(table, tableArn, at, note);
      }
    }
    ExportFinder.requireFullExportOf(full, tableArn);
    LOG.info(
        "[stage=full, table={}] bulk copy from export {} of {} ({} file(s), {} item(s))",
        table,
        full.summaryUri(),
        full.summary().exportTime(),
        full.files().size(),
        full.records());
    return full;
  }

  /**
   * What a table's bulk copy reads: its full export, found or requested, and when the stream does
   * not reach back to the export's time, the incremental exports bridging the gap (requested and
   * waited for), oldest first. nimo-shake and the Flink job both call this.
   *
   * @param coveredFrom since when the table's stream holds every change, when the run follows it
   * @param note told what is being done (requests, waits)
   * @return the full export, then the bridging ones
   * @throws IllegalStateException naming the gap when it cannot be bridged
   */
  public List<FoundExport> exportsFor(
      String table, Optional<Instant> coveredFrom, Consumer<String> note) {
    String tableArn = tableArn(table);
    FoundExport full = fullExport(table, tableArn, coveredFrom, note);
    List<FoundExport> out = new ArrayList<>(List.of(full));
    Instant t = full.summary().exportTime();
    if (coveredFrom.isEmpty() || StreamCoverage.reaches(coveredFrom.get(), t)) {
      return out;
    }
    Instant covered = coveredFrom.get();
    Instant now = timing.clock().instant();
    Instant until = covered.plus(StreamCoverage.HANDOVER_MARGIN);
    until = until.isAfter(now) ? now : until;
    LOG.warn(
        "[table={}] the export is of {}, the stream holds changes only since {}: bridging [{}, {})"
            + " with incremental exports",
        table,
        t,
        covered,
        t,
        until);
    ExportLocation at = settings.location();
    try {
      out.addAll(
          requester().bridge(table, tableArn, at.bucket(), at.exportPrefix(table), t, until, note));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "table "
              + table
              + ": the export is of "
              + t
              + " but the stream holds changes only since "
              + covered
              + ", and the gap cannot be bridged with incremental exports ("
              + e.getMessage()
              + "). Changes in between would be lost: use a newer export (or let nimo request"
              + " one: point full.export.s3_uri at a prefix without a newer export), or"
              + " full.source = scan",
          e);
    }
    for (FoundExport b : out.subList(1, out.size())) {
      if (!b.summary().incremental() || !b.summary().tableArn().equals(tableArn)) {
        throw new IllegalStateException(
            b.summaryUri() + " is not an incremental export of " + tableArn);
      }
    }
    return out;
  }

  /**
   * An export requested now is of now; a stream enabled just before holds changes only since then.
   * Waits until the stream reaches back far enough for the hand-over.
   */
  private void awaitCoverage(String table, Instant covered, Consumer<String> note) {
    Instant ready = covered.plus(StreamCoverage.HANDOVER_MARGIN).plusSeconds(1);
    Duration wait = Duration.between(timing.clock().instant(), ready);
    if (!wait.isNegative() && !wait.isZero()) {
      note.accept(
          "the stream was enabled at "
              + covered
              + ": requesting the export at "
              + ready
              + ", when the stream reaches back past it");
      retrier.pause("waiting for the stream of " + table + " to cover the export", wait);
    }
  }
}
