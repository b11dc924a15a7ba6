package io.nimo.core.sink.dynamo;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.retry.Retrier;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Polls DescribeTable until a table (and its GSIs) is ACTIVE, or until it is gone. */
final class TableWaiter {
  private static final Duration POLL = Duration.ofMillis(250);

  private final DynamoApi api;
  private final Retrier retrier;
  private final Duration timeout;

  TableWaiter(DynamoApi api, Retrier retrier, Duration timeout) {
    this.api = api;
    this.retrier = retrier;
    this.timeout = timeout;
  }

  Optional<TableDescription> describe(String table) {
    try {
      return Optional.of(retrier.call("DescribeTable " + table, () -> api.describeTable(table)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  void awaitActive(String table) {
    Instant deadline = retrier.clock().instant().plus(timeout);
    while (true) {
      Optional<TableDescription> d = describe(table);
      if (d.isPresent() && isActive(d.get())) {
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

  private static boolean isActive(TableDescription d) {
    if (d.tableStatus() != TableStatus.ACTIVE) {
      return false;
    }
    return !d.hasGlobalSecondaryIndexes()
        || d.globalSecondaryIndexes().stream()
            .allMatch(g -> g.indexStatus() == null || g.indexStatus() == IndexStatus.ACTIVE);
  }
}
