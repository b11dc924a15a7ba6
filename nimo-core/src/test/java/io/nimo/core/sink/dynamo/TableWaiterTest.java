package io.nimo.core.sink.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.dynamo.TableNotFoundException;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Waiting on the target's table lifecycle, on a clock the test controls. */
class TableWaiterTest {
  private static final TableSchema SCHEMA =
      TableSchema.of("orders", new KeySchema("id", null), Map.of("id", KeyAttributeType.S));

  private final ManualClock clock = new ManualClock();

  /** Answers DescribeTable from a script; an empty answer = the table does not exist. */
  private static final class ScriptedTables extends UnsupportedDynamoClient {
    final Deque<Optional<TableInfo>> answers = new ArrayDeque<>();
    Optional<TableInfo> last = Optional.empty();
    int describes;

    ScriptedTables then(TableInfo.Status status, boolean indexesActive) {
      answers.add(Optional.of(new TableInfo(SCHEMA, status, indexesActive, null, null, 0, 0)));
      return this;
    }

    ScriptedTables thenGone() {
      answers.add(Optional.empty());
      return this;
    }

    /** The next scripted answer; the last one repeats. */
    @Override
    public TableInfo describeTable(String table) {
      describes++;
      if (!answers.isEmpty()) {
        last = answers.removeFirst();
      }
      return last.orElseThrow(() -> new TableNotFoundException(table, null));
    }
  }

  private TableWaiter waiter(io.nimo.core.dynamo.DynamoTables tables, Duration timeout) {
    return new TableWaiter(tables, TestRetriers.manual(clock), timeout);
  }

  @Test
  void waitsUntilTheTableAndItsIndexesAreActive() {
    ScriptedTables tables =
        new ScriptedTables()
            .then(TableInfo.Status.CREATING, false)
            .then(TableInfo.Status.ACTIVE, false)
            .then(TableInfo.Status.ACTIVE, true);

    waiter(tables, Duration.ofMinutes(1)).awaitActive("orders");

    assertThat(tables.describes).isEqualTo(3);
    assertThat(clock.sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void aTableNotYetVisibleIsWaitedForLikeACreatingOne() {
    ScriptedTables tables = new ScriptedTables().thenGone().then(TableInfo.Status.ACTIVE, true);

    waiter(tables, Duration.ofMinutes(1)).awaitActive("orders");

    assertThat(tables.describes).isEqualTo(2);
  }

  @Test
  void aTableThatNeverBecomesActiveFailsNamingItAndTheTimeoutKey() {
    ScriptedTables tables = new ScriptedTables().then(TableInfo.Status.UPDATING, true);

    assertThatThrownBy(() -> waiter(tables, Duration.ofSeconds(10)).awaitActive("orders"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("table orders did not become ACTIVE")
        .hasMessageContaining("10 s")
        .hasMessageContaining("target.table_active_timeout");
    long waited = clock.sleeps.stream().mapToLong(Duration::toMillis).sum();
    assertThat(waited).isBetween(10_000L, 10_250L);
  }

  @Test
  void deletionIsAwaitedUntilDescribeSaysTheTableIsGone() {
    ScriptedTables tables =
        new ScriptedTables()
            .then(TableInfo.Status.DELETING, true)
            .then(TableInfo.Status.DELETING, true)
            .thenGone();

    waiter(tables, Duration.ofMinutes(1)).awaitDeleted("orders");

    assertThat(tables.describes).isEqualTo(3);
    assertThat(waiter(tables, Duration.ofMinutes(1)).describe("orders")).isEmpty();
  }

  @Test
  void aTableThatIsNeverDeletedFailsNamingIt() {
    ScriptedTables tables = new ScriptedTables().then(TableInfo.Status.DELETING, true);

    assertThatThrownBy(() -> waiter(tables, Duration.ofSeconds(5)).awaitDeleted("orders"))
        .hasMessageContaining("table orders was not deleted on the target within 5 s");
  }
}
