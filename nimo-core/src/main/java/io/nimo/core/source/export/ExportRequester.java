package io.nimo.core.source.export;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ExportOptions;
import io.nimo.core.dynamo.ExportApi;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests exports nimo needs and waits for them: a full export when none is found under the prefix
 * (point-in-time recovery must be on), and incremental exports that bridge the time between an
 * export and what the table's stream still holds. Requests carry a client token made from the job
 * and the request, so a rerun within AWS's 8 hours gets the same export instead of another.
 */
public final class ExportRequester {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRequester.class);

  /** An incremental export's window: at least 15 minutes, at most 24 hours. */
  static final Duration MIN_WINDOW = Duration.ofMinutes(15);

  static final Duration MAX_WINDOW = Duration.ofHours(24);

  private final ExportApi api;
  private final ExportFinder finder;
  private final Retrier retrier;
  private final Timing timing;
  private final ExportSettings settings;
  private final Duration poll;
  private final String jobId;

  /**
   * A requester.
   *
   * @param poll how often a running export is described
   * @param jobId the job's id (in the client tokens)
   */
  public ExportRequester(
      ExportApi api,
      ExportFinder finder,
      Retrier retrier,
      Timing timing,
      ExportSettings settings,
      Duration poll,
      String jobId) {
    this.api = api;
    this.finder = finder;
    this.retrier = retrier;
    this.timing = timing;
    this.settings = settings;
    this.poll = poll;
    this.jobId = jobId;
  }

  /**
   * Requests a full export of the table under {@code <prefix>/<table>} and waits for it.
   *
   * @param progress told what is waited for, now and then
   * @return the finished export
   * @throws ConfigException naming the table's point-in-time recovery when it is off
   */
  public FoundExport full(
      String table, String tableArn, ExportLocation at, Consumer<String> progress) {
    requirePitr(table);
    ExportApi.Destination to = destination(at, table);
    String arn =
        retrier.call(
            "ExportTableToPointInTime " + table,
            () -> api.exportFull(tableArn, to, token(table, "full")));
    LOG.info(
        "[table={}] requested full export {} to s3://{}/{}", table, arn, to.bucket(), to.prefix());
    return await(table, arn, at.bucket(), progress);
  }

  /**
   * Requests incremental exports covering {@code [from, until)} in windows of at most 24 hours (the
   * last one at least 15 minutes, reaching back before {@code from} if it must: applying a key's
   * newest state again is harmless) and waits for each, in order.
   *
   * @return the finished exports, oldest first
   */
  public List<FoundExport> bridge(
      String table,
      String tableArn,
      String bucket,
      String prefix,
      Instant from,
      Instant until,
      Consumer<String> progress) {
    requirePitr(table);
    List<FoundExport> out = new ArrayList<>();
    for (Instant[] w : windows(from, until)) {
      ExportApi.Destination to =
          new ExportApi.Destination(bucket, prefix, settings.format().name());
      String arn =
          retrier.call(
              "ExportTableToPointInTime (incremental) " + table,
              () ->
                  api.exportIncremental(
                      tableArn, to, w[0], w[1], token(table, "incr " + w[0] + " " + w[1])));
      LOG.info(
          "[table={}] requested incremental export {} of [{}, {}) to bridge to the stream",
          table,
          arn,
          w[0],
          w[1]);
      out.add(await(table, arn, bucket, progress));
    }
    return out;
  }

  /** The windows of {@code [from, until)}: at most 24 h each, the last at least 15 min. */
  static List<Instant[]> windows(Instant from, Instant until) {
    List<Instant[]> out = new ArrayList<>();
    Instant start = from;
    do {
      Instant end = start.plus(MAX_WINDOW).isBefore(until) ? start.plus(MAX_WINDOW) : until;
      Instant begin =
          Duration.between(start, end).compareTo(MIN_WINDOW) < 0 ? end.minus(MIN_WINDOW) : start;
      out.add(new Instant[] {begin, end});
      start = end;
    } while (start.isBefore(until));
    return out;
  }

  private void requirePitr(String table) {
    boolean on =
        retrier.call("DescribeContinuousBackups " + table, () -> api.pointInTimeRecovery(table));
    if (!on) {
      throw new ConfigException(
          ExportOptions.FULL_SOURCE.key(),
          "table "
              + table
              + " has point-in-time recovery off, and an export needs it: turn on"
              + " PointInTimeRecoveryEnabled (aws dynamodb update-continuous-backups --table-name "
              + table
              + " --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true),"
              + " or point full.export.s3_uri at an export that exists");
    }
  }

  private ExportApi.Destination destination(ExportLocation at, String table) {
    return new ExportApi.Destination(at.bucket(), at.tablePrefix(table), settings.format().name());
  }

  private String token(String table, String what) {
    return UUID.nameUUIDFromBytes(
            ("nimo " + jobId + " " + table + " " + what).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private FoundExport await(String table, String arn, String bucket, Consumer<String> progress) {
    Instant started = timing.clock().instant();
    Instant deadline = started.plus(settings.waitTimeout());
    while (true) {
      ExportApi.ExportState s = retrier.call("DescribeExport " + arn, () -> api.describe(arn));
      switch (s.status()) {
        case COMPLETED -> {
          String folder = s.summaryKey().replaceAll("/?" + ExportLocation.SUMMARY + "$", "");
          progress.accept("export " + arn + " completed");
          return finder.at(bucket, folder);
        }
        case FAILED -> throw new ExportRefusedException(arn, "failed: " + s.failure());
        default -> {
          Duration waited = Duration.between(started, timing.clock().instant());
          if (timing.clock().instant().isAfter(deadline)) {
            throw new IllegalStateException(
                "table "
                    + table
                    + ": export "
                    + arn
                    + " did not finish within "
                    + ExportOptions.FULL_EXPORT_WAIT.key()
                    + " ("
                    + settings.waitTimeout()
                    + "); it goes on in AWS and the next run finds it under the prefix");
          }
          String line = "export " + arn + " in progress for " + waited.toMinutes() + " min";
          LOG.info("[table={}] {}", table, line);
          progress.accept(line);
          retrier.pause("waiting for export " + arn, poll);
        }
      }
    }
  }
}
