package io.nimo.backsync.echo;

import io.nimo.backsync.source.ChangeRecord;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.util.Collector;

/**
 * Drops the changes nimo-shake itself wrote, so a two-way setup does not echo them back to
 * DynamoDB. nimo-shake's PostgreSQL target starts every transaction by upserting its row in the
 * marker table; logical replication delivers transactions whole and in commit order, so the marker
 * arrives right before that transaction's changes. This filter remembers the last marked
 * transaction id and drops changes of that transaction; changes of any other transaction (an
 * application's SQL, PolarDB's own DynamoDB endpoint) pass. It must run with parallelism 1 directly
 * after the source, before the stream is keyed; the remembered id is checkpointed so a restore in
 * the middle of a transaction still filters it.
 */
public final class EchoFilter extends RichFlatMapFunction<ChangeRecord, ChangeRecord>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  private final boolean skipEchoes;
  private transient long echoTx = Long.MIN_VALUE;
  private transient long dropped;
  private transient ListState<Long> state;

  /**
   * A filter.
   *
   * @param skipEchoes false to let nimo-shake's own changes through too (a one-way round trip to
   *     another DynamoDB table)
   */
  public EchoFilter(boolean skipEchoes) {
    this.skipEchoes = skipEchoes;
  }

  @Override
  public void flatMap(ChangeRecord r, Collector<ChangeRecord> out) {
    if (ChangeRecord.ECHO_MARK.equals(r.op)) {
      echoTx = r.txId;
      return;
    }
    if (skipEchoes && r.txId >= 0 && r.txId == echoTx) {
      dropped++;
      return;
    }
    out.collect(r);
  }

  /**
   * Changes dropped as echoes since this instance started.
   *
   * @return the count
   */
  public long dropped() {
    return dropped;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    state.clear();
    state.add(echoTx);
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    state =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("echo-tx", Long.class));
    echoTx = Long.MIN_VALUE;
    for (Long v : state.get()) {
      echoTx = v;
    }
  }
}
