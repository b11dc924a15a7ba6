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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster job's side of {@code full.source = export}, run by its client before the job: each
 * table's export found (or requested) with nimo-core's {@link ExportLocator}, and, when the job
 * follows the streams, the hand-over checked. The job reads the stream from its oldest record and
 * its gate lets changes win over the export's images, which is exact when the stream reaches back
 * to the export's time. When it does not, the gap is bridged with incremental exports (as
 * nimo-shake does), whose files the job reads after the export's as bulk records of later versions:
 * the gate lets each key's newest bulk record through and a change beat them all.
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
   * The table's export, and when the job follows a stream that does not reach back to its time, the
   * incremental exports (requested and waited for) that bridge the gap, in order.
   *
   * @return the full export, then the bridging ones
   * @throws ConfigException naming {@code full.source} when the table has no stream to hand over to
   */
  public List<FoundExport> locate(String table) {
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
              + " the stream on first (NEW_AND_OLD_IMAGES), or copy it with nimo-shake, which"
              + " enables it");
    }
    Instant now = parts.clock().instant();
    Optional<Instant> covered =
        follows ? Optional.of(StreamCoverage.coveredFrom(info.streamArn(), now)) : Optional.empty();
    return locator.exportsFor(table, covered, n -> LOG.info("[table={}] {}", table, n));
  }
}
