package io.nimo.flink.sink;

import io.nimo.core.sync.full.FullSyncSettings;
import io.nimo.core.wiring.JobComponents;
import io.nimo.flink.item.ItemRecord;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.operator.SourceKeys;
import java.time.Clock;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes items to the configured target ({@code target.type}: a DynamoDB-API endpoint, MongoDB or
 * PostgreSQL) through nimo-core's target adapters, one writer per parallel subtask; the tables are
 * prepared by the job's client before the sources start. Batches are {@code
 * full.document.write.batch} items (0 = the target's own default); each writer keeps up to {@code
 * full.document.concurrency} batches in flight (0 = the target's own default), as nimo-shake's
 * writer threads do.
 */
public final class TargetSink implements Sink<ItemRecord> {
  private static final long serialVersionUID = 1L;

  /** The job's conf, shipped to every writer. */
  private final ShakeConf conf;

  /**
   * A sink over a conf.
   *
   * @param conf the nimo-shake.conf pairs
   */
  public TargetSink(ShakeConf conf) {
    this.conf = conf;
  }

  @Override
  @Deprecated
  public SinkWriter<ItemRecord> createWriter(InitContext context) {
    throw new UnsupportedOperationException("Flink 1.20 calls createWriter(WriterInitContext)");
  }

  @Override
  public SinkWriter<ItemRecord> createWriter(WriterInitContext context) {
    var c = conf.configuration();
    JobComponents parts = JobComponents.builder(c).build();
    FullSyncSettings full = FullSyncSettings.from(c);
    int batch = full.batchSize() > 0 ? full.batchSize() : parts.defaultBatchSize();
    int lanes = full.writers() > 0 ? full.writers() : parts.defaultWriters();
    int subtask = context.getTaskInfo().getIndexOfThisSubtask();
    return new TargetWriter(
        parts.targets(),
        SourceKeys.of(parts),
        batch,
        lanes,
        "nimo-flink-writer-" + subtask,
        new WriterProgress(
            context.metricGroup(),
            full.progressInterval(),
            Clock.systemUTC(),
            context.getTaskInfo().getIndexOfThisSubtask()),
        parts);
  }
}
