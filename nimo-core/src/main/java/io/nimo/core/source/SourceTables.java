package io.nimo.core.source;

import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.retry.Retrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what the target needs to mirror a source table: its description and its TTL setting. */
public final class SourceTables {
  private static final Logger LOG = LoggerFactory.getLogger(SourceTables.class);

  private final DynamoTables api;
  private final Retrier retrier;

  /**
   * A describer over a source.
   *
   * @param api the source
   * @param retrier retries DescribeTable calls
   */
  public SourceTables(DynamoTables api, Retrier retrier) {
    this.api = api;
    this.retrier = retrier;
  }

  /**
   * Describes one table.
   *
   * @return its description and TTL setting
   */
  public SourceTable describe(String table) {
    TableInfo info = retrier.call("DescribeTable " + table, () -> api.describeTable(table));
    String ttl = null;
    try {
      ttl = retrier.call("DescribeTimeToLive " + table, () -> api.timeToLive(table)).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn(
          "table {}: cannot read its TTL setting ({}); the target table gets no TTL",
          table,
          e.getMessage());
    }
    return new SourceTable(info.schema().withTtl(ttl), info.itemCount());
  }
}
