package io.nimo.core.source.stream;

import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.StreamNotFoundException;
import io.nimo.core.dynamo.TableNotFoundException;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.SourceTableDeletedException;

/**
 * Checks that the stream a table's positions belong to is still the table's stream, and turns the
 * source's "not found" answers into clearer ones (a deleted table, a replaced stream).
 */
public final class StreamGuard {
  private final String table;
  private final DynamoTables source;
  private final Retrier retrier;

  /**
   * A guard for one table.
   *
   * @param table the source table
   * @param source the source endpoint
   * @param retrier retries DescribeTable
   */
  public StreamGuard(String table, DynamoTables source, Retrier retrier) {
    this.table = table;
    this.source = source;
    this.retrier = retrier;
  }

  /**
   * Fails loudly if the table was deleted or its stream replaced (positions of the old one do not
   * apply).
   *
   * @param streamArn the stream the positions belong to
   * @throws SourceTableDeletedException if the table is gone
   * @throws StreamPositionLostException if the table now has another stream
   */
  public void check(String streamArn) {
    String current;
    try {
      current =
          retrier.call("DescribeTable " + table, () -> source.describeTable(table)).streamArn();
    } catch (TableNotFoundException gone) {
      throw new SourceTableDeletedException(table, gone);
    }
    if (!streamArn.equals(current)) {
      throw StreamPositionLostException.streamReplaced(table, streamArn, current);
    }
  }

  /**
   * A stream that is gone usually means its table was deleted or its stream replaced: says which.
   *
   * @param streamArn the stream a reader failed on
   * @param error the reader's failure
   * @return a clearer failure when there is one, else {@code error}
   */
  public Throwable explain(String streamArn, Throwable error) {
    if (error instanceof StreamNotFoundException) {
      try {
        check(streamArn);
      } catch (RuntimeException clearer) {
        return clearer;
      }
    }
    return error;
  }
}
