package io.nimo.core.source;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.retry.Retrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Reads what the target needs to mirror a source table: its description and its TTL setting. */
public final class SourceTables {
  private static final Logger LOG = LoggerFactory.getLogger(SourceTables.class);

  private final DynamoApi api;
  private final Retrier retrier;

  /**
   * A describer over a source.
   *
   * @param api the source
   * @param retrier retries DescribeTable calls
   */
  public SourceTables(DynamoApi api, Retrier retrier) {
    this.api = api;
    this.retrier = retrier;
  }

  /**
   * Describes one table.
   *
   * @param table the table
   * @return its description and TTL setting
   */
  public SourceTable describe(String table) {
    var description = retrier.call("DescribeTable " + table, () -> api.describeTable(table));
    String ttl = null;
    try {
      TimeToLiveDescription t =
          retrier.call("DescribeTimeToLive " + table, () -> api.describeTimeToLive(table));
      if (t != null
          && (t.timeToLiveStatus() == TimeToLiveStatus.ENABLED
              || t.timeToLiveStatus() == TimeToLiveStatus.ENABLING)) {
        ttl = t.attributeName();
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "table {}: cannot read its TTL setting ({}); the target table gets no TTL",
          table,
          e.getMessage());
    }
    return new SourceTable(description, ttl);
  }
}
