package io.nimo.core.sink.dynamo;

import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.ReadConsistency;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A session on one DynamoDB-API endpoint; its tables share the client and the retrier. */
public final class DynamoTargetSession implements TargetSession {
  private final DynamoClient api;
  private final Retrier retrier;
  private final Duration tableTimeout;
  private final boolean withIndexes;
  private final ReadConsistency reads;
  // writes the BatchWriteItem chunks of one large apply() at once (threads made on demand)
  private final ExecutorService chunkWriters =
      Executors.newCachedThreadPool(new NamedThreadFactory("nimo-target-batch"));

  /**
   * @param api the endpoint (owned by this session: closed with it)
   * @param retrier retries for every call, with the endpoint's error classifier
   * @param tableTimeout how long to wait for a table to become ACTIVE or disappear
   * @param withIndexes whether to create the source's GSIs and LSIs
   */
  public DynamoTargetSession(
      DynamoClient api, Retrier retrier, Duration tableTimeout, boolean withIndexes) {
    this(api, retrier, tableTimeout, withIndexes, ReadConsistency.honoured());
  }

  /**
   * @param api the endpoint (owned by this session: closed with it)
   * @param retrier retries for every call, with the endpoint's error classifier
   * @param tableTimeout how long to wait for a table to become ACTIVE or disappear
   * @param withIndexes whether to create the source's GSIs and LSIs
   * @param reads what the endpoint makes of per-request strong reads
   */
  public DynamoTargetSession(
      DynamoClient api,
      Retrier retrier,
      Duration tableTimeout,
      boolean withIndexes,
      ReadConsistency reads) {
    this.reads = reads;
    this.api = api;
    this.retrier = retrier;
    this.tableTimeout = tableTimeout;
    this.withIndexes = withIndexes;
  }

  @Override
  public Target table(String name, io.nimo.core.item.KeySchema keys) {
    return new DynamoTarget(
        name,
        api,
        retrier,
        new TableWaiter(api, retrier, tableTimeout),
        withIndexes,
        chunkWriters,
        reads);
  }

  @Override
  public boolean strongReads() {
    return reads.strong();
  }

  @Override
  public String describeReads() {
    return reads.describe();
  }

  @Override
  public void close() {
    chunkWriters.shutdownNow();
    api.close();
  }
}
