package io.nimo.flink.stream;

import io.nimo.core.source.stream.StaleStart;
import io.nimo.core.source.stream.StreamPositionLostException;
import io.nimo.flink.item.ItemRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * One parallel reader of the stream source. A shard read to its end is reported to the enumerator
 * (so its children start) and kept in this reader's state, marked finished, until the enumerator
 * acknowledged it and a later checkpoint completed: whichever checkpoint a job restores, either the
 * enumerator knows the shard is done or this reader reports it again.
 */
final class ShardSourceReader
    extends SingleThreadMultiplexSourceReaderBase<
        ShardElement, ItemRecord, ShardSplit, ShardSplitState> {
  private final SourceReaderContext context;

  /** Finished shards still kept in state; value: -1 unacknowledged, else the checkpoint after. */
  private final Map<String, ShardSplit> finished = new LinkedHashMap<>();

  private final Map<String, Long> ackedAt = new LinkedHashMap<>();

  private final Clock clock;
  private final ShardLag lag;

  ShardSourceReader(
      Supplier<SplitReader<ShardElement, ShardSplit>> splitReaders,
      SourceReaderContext context,
      Clock clock,
      ShardLag lag) {
    super(
        splitReaders,
        new ShardRecordEmitter(context.metricGroup()),
        context.getConfiguration(),
        context);
    this.context = context;
    this.clock = clock;
    this.lag = lag;
  }

  @Override
  public void start() {
    // the enumerator pushes shards
  }

  @Override
  public void addSplits(List<ShardSplit> splits) {
    List<ShardSplit> readable = new ArrayList<>();
    List<String> done = new ArrayList<>();
    for (ShardSplit s : splits) {
      requireFresh(s);
      if (s.finished()) {
        finished.put(s.splitId(), s);
        done.add(s.splitId());
      } else {
        readable.add(s);
      }
    }
    if (!done.isEmpty()) {
      context.sendSourceEventToCoordinator(new ShardsFinishedEvent(done));
    }
    super.addSplits(readable);
  }

  /**
   * A shard without a position restored after a pause near the stream's retention would silently
   * start after trimmed records: the same rule as nimo-shake's, stopping the job without restarts.
   */
  private void requireFresh(ShardSplit s) {
    if (s.finished() || s.sequenceNumber() != null) {
      return;
    }
    try {
      StaleStart.check(s.table(), s.confirmedAtMillis(), clock.millis(), List.of(s.shardId()));
    } catch (StreamPositionLostException lost) {
      throw new SuppressRestartsException(lost);
    }
  }

  @Override
  protected void onSplitFinished(Map<String, ShardSplitState> done) {
    done.forEach((id, state) -> finished.put(id, state.toSplit().asFinished()));
    context.sendSourceEventToCoordinator(new ShardsFinishedEvent(List.copyOf(done.keySet())));
  }

  @Override
  public void handleSourceEvents(SourceEvent event) {
    if (event instanceof FinishedAckEvent ack) {
      ack.splitIds().forEach(id -> ackedAt.putIfAbsent(id, -1L));
    }
  }

  @Override
  public List<ShardSplit> snapshotState(long checkpointId) {
    List<ShardSplit> state = new ArrayList<>(super.snapshotState(checkpointId));
    state.addAll(finished.values());
    ackedAt.replaceAll((id, at) -> at < 0 ? checkpointId : at);
    // at every checkpoint, back-pressured or not: the Scan's brake reads it
    context.sendSourceEventToCoordinator(new LagReportEvent(lag.perTable()));
    return state;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    // kept through the first checkpoint after the ack (its enumerator state may predate the ack)
    ackedAt
        .entrySet()
        .removeIf(
            e -> {
              boolean drop = e.getValue() >= 0 && e.getValue() < checkpointId;
              if (drop) {
                finished.remove(e.getKey());
              }
              return drop;
            });
  }

  @Override
  protected ShardSplitState initializedState(ShardSplit split) {
    return new ShardSplitState(split);
  }

  @Override
  protected ShardSplit toSplitType(String splitId, ShardSplitState state) {
    return state.toSplit();
  }
}
