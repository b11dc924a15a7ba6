package io.nimo.flink.scan;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ExportOptions;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.source.export.ExportLocator;
import io.nimo.core.source.export.ExportSettings;
import io.nimo.core.source.export.FoundExport;
import io.nimo.core.source.stream.StreamCoverage;
import io.nimo.core.wiring.JobComponents;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster job's side of {@code full.source = export}, run by its client before the job: each
 * table's export found (or requested) with nimo-core's {@link ExportLocator}, and, when the job
 * follows the streams, the hand-over checked. The job reads the stream from its oldest record and
 * its gate lets changes win over the export's images, which is exact when the stream reaches back
 * to the export's time. When it does not, nimo-shake bridges the gap with incremental exports; the
 * cluster job refuses instead, naming the gap.
 */
public final class ExportHandOver {
  private static final Logger LOG = LoggerFactory.getLogger(ExportHandOver.class);

  private final JobComponents parts;
  private final ExportSettings settings;
  private final boolean follows;
  private final String jobId;

  /**
   * A hand-over check over the job's components.
   *
   * @param follows whether the job follows the streams after the copy
   * @param jobId the job's id (in export requests' client tokens)
   */
  public ExportHandOver(
      JobComponents parts, ExportSettings settings, boolean follows, String jobId) {
    this.parts = parts;
    this.settings = settings;
    this.follows = follows;
    this.jobId = jobId;
  }

  /**
   * The table's export, checked to hand over to its stream.
   *
   * @return the export
   * @throws ConfigException naming {@code full.export.s3_uri} when the stream does not reach back
   */
  public FoundExport locate(String table) {
    ExportLocator locator =
        new ExportLocator(
            parts.exports(),
            parts.objects(),
            parts.sourceRetrier(),
            parts.timing(),
            settings,
            jobId);
    TableInfo info =
        parts
            .sourceRetrier()
            .call("DescribeTable " + table, () -> parts.source().describeTable(table));
    if (follows && info.streamArn() == null) {
      throw new ConfigException(
          ExportOptions.FULL_SOURCE.key(),
          "table "
              + table
              + " has no stream, and the cluster job hands its export over to the stream: turn"
              + " the stream on first (NEW_AND_OLD_IMAGES) and use an export taken after that, or"
              + " copy it with nimo-shake, which bridges the gap with incremental exports");
    }
    Instant now = parts.clock().instant();
    Optional<Instant> covered =
        follows ? Optional.of(StreamCoverage.coveredFrom(info.streamArn(), now)) : Optional.empty();
    FoundExport export =
        locator.fullExport(
            table,
            locator.tableArn(table),
            covered,
            note -> LOG.info("[table={}] {}", table, note));
    Instant t = export.summary().exportTime();
    if (covered.isPresent() && !StreamCoverage.reaches(covered.get(), t)) {
      throw new ConfigException(
          ExportOptions.FULL_EXPORT_S3_URI.key(),
          "table "
              + table
              + ": the export "
              + export.summaryUri()
              + " is of "
              + t
              + ", and the table's stream holds changes only since "
              + covered.get()
              + ": the changes in between would be lost. The cluster job does not bridge that"
              + " gap; nimo-shake does (with incremental exports). Or use an export taken after"
              + " the stream was on (point full.export.s3_uri at a prefix without one, so that"
              + " one is requested)");
    }
    return export;
  }
}
