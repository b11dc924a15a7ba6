package io.nimo.flink.scan;

import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.source.QpsLimiter;
import io.nimo.core.source.TableScanner;
import io.nimo.core.sync.full.FullSyncSettings;
import io.nimo.core.wiring.JobComponents;
import io.nimo.flink.item.ItemRecord;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.operator.SourceKeys;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source that scans DynamoDB tables in parallel: one split per (table, segment), the
 * segment's {@code LastEvaluatedKey} as split state, so a restored job resumes each segment after
 * the last page it emitted. Bounded: it ends when every segment is read. Each reader keeps {@code
 * full.read.calls_per_reader} Scan calls in flight, one segment each. {@code qps.full} is the whole
 * job's Scan rate, divided exactly among the readers; each reader's calls go through nimo-shake's
 * retrier (throttling and connection errors retried within {@code retry.budget}).
 */
public final class ScanSource implements Source<ItemRecord, ScanSplit, ScanEnumeratorState> {
  private static final long serialVersionUID = 1L;

  /** The job's conf, shipped to every reader. */
  private final ShakeConf conf;

  /** The tables and their segment counts. */
  private final ScanPlan plan;

  /** Whether readers send end-of-Scan markers (a stream phase follows in the same job). */
  private final boolean markers;

  /** The job's link to its stream source's lag ({@code null} without one). */
  private final String lagLink;

  /**
   * A source over a conf and a plan.
   *
   * @param conf the nimo-shake.conf pairs
   * @param plan the tables and segment counts
   */
  public ScanSource(ShakeConf conf, ScanPlan plan) {
    this(conf, plan, false);
  }

  /**
   * A source over a conf and a plan, optionally sending end-of-Scan markers.
   *
   * @param conf the nimo-shake.conf pairs
   * @param plan the tables and segment counts
   * @param markers whether each reader ends with its markers for the {@code ChangeGate}
   */
  public ScanSource(ShakeConf conf, ScanPlan plan, boolean markers) {
    this(conf, plan, markers, null);
  }

  /**
   * A source that also pauses its readers while the job's stream source is too far behind.
   *
   * @param conf the nimo-shake.conf pairs
   * @param plan the tables and segment counts
   * @param markers whether each reader ends with its markers for the {@code ChangeGate}
   * @param lagLink the link id the job's stream source posts its lag under, or {@code null}
   */
  public ScanSource(ShakeConf conf, ScanPlan plan, boolean markers, String lagLink) {
    this.conf = conf;
    this.plan = plan;
    this.markers = markers;
    this.lagLink = lagLink;
  }

  private StreamLagBrake brake() {
    Duration limit = ScanReaderSettings.from(conf.configuration()).maxStreamLag();
    return lagLink == null || limit.isZero() ? null : new StreamLagBrake(lagLink, limit);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<ScanSplit, ScanEnumeratorState> createEnumerator(
      SplitEnumeratorContext<ScanSplit> context) {
    return new ScanEnumerator(context, plan.initialState(), brake());
  }

  @Override
  public SplitEnumerator<ScanSplit, ScanEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<ScanSplit> context, ScanEnumeratorState state) {
    try {
      plan.requireCompatible(state);
    } catch (IllegalStateException refused) {
      return new RefusedRestoreEnumerator(refused, state);
    }
    return new ScanEnumerator(context, state, brake());
  }

  @Override
  public SimpleVersionedSerializer<ScanSplit> getSplitSerializer() {
    return ScanSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<ScanEnumeratorState> getEnumeratorCheckpointSerializer() {
    return new ScanEnumeratorStateSerializer();
  }

  @Override
  public SourceReader<ItemRecord, ScanSplit> createReader(SourceReaderContext context) {
    ScanReaderSettings reading = ScanReaderSettings.from(conf.configuration());
    int inFlight = plan.callsPerReader(reading.callsInFlight(), context.currentParallelism());
    ScanPause pause = new ScanPause();
    return new ScanSourceReader(
        () -> {
          var c = conf.configuration();
          JobComponents parts = JobComponents.builder(c).build();
          FullSyncSettings full = FullSyncSettings.from(c);
          TableScanner scanner =
              new TableScanner(
                  parts.source(),
                  parts.sourceRetrier(),
                  QpsLimiter.systemShare(reading.scanQps(), context.currentParallelism()),
                  full.scan());
          String name = "nimo-flink-scan-" + context.getIndexOfSubtask();
          ExportPages exports =
              new ExportPages(
                  parts::objects,
                  full.scan().pageLimit() > 0 ? full.scan().pageLimit() : 100,
                  Executors.newFixedThreadPool(inFlight, new NamedThreadFactory(name + "-file")));
          SplitPages pages =
              (split, after) ->
                  split.export() == null
                      ? scanner.page(split.table(), split.segment(), split.totalSegments(), after)
                      : exports.next(split, after);
          return new ScanSplitReader(
              pages,
              SourceKeys.of(parts),
              inFlight,
              Executors.newFixedThreadPool(inFlight, new NamedThreadFactory(name)),
              () -> {
                exports.close();
                parts.close();
              },
              pause);
        },
        context,
        markers,
        inFlight,
        pause);
  }
}
