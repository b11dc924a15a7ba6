package io.nimo.core.sink.dynamo;

import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.dynamo.TableNotFoundException;
import io.nimo.core.retry.Retrier;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Polls DescribeTable until a table (and its GSIs) is ACTIVE, or until it is gone. */
final class TableWaiter {
  private static final Duration POLL = Duration.ofMillis(250);

  private final DynamoTables api;
  private final Retrier retrier;
  private final Duration timeout;

  TableWaiter(DynamoTables api, Retrier retrier, Duration timeout) {
    this.api = api;
    this.retrier = retrier;
    this.timeout = timeout;
  }

  Optional<TableInfo> describe(String table) {
    try {
      return Optional.of(retrier.call("DescribeTable " + table, () -> api.describeTable(table)));
    } catch (TableNotFoundException e) {
      return Optional.empty();
    }
  }

  void awaitActive(String table) {
    Instant deadline = retrier.clock().instant().plus(timeout);
    while (true) {
      Optional<TableInfo> d = describe(table);
      if (d.isPresent() && d.get().ready()) {
        return;
      }
      check(deadline, "table " + table + " did not become ACTIVE on the target");
      retrier.pause("waiting for " + table, POLL);
    }
  }

  void awaitDeleted(String table) {
    Instant deadline = retrier.clock().instant().plus(timeout);
    while (describe(table).isPresent()) {
      check(deadline, "table " + table + " was not deleted on the target");
      retrier.pause("waiting for deletion of " + table, POLL);
    }
  }

  private void check(Instant deadline, String message) {
    if (retrier.clock().instant().isAfter(deadline)) {
      throw new IllegalStateException(
          message + " within " + timeout.toSeconds() + " s (target.table_active_timeout)");
    }
  }
}
