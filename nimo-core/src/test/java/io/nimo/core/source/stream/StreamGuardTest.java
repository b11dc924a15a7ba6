package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.StreamView;
import io.nimo.core.dynamo.TableChange;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.dynamo.TableNotFoundException;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryPolicy;
import io.nimo.core.source.SourceTableDeletedException;
import io.nimo.core.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** A deleted table or a replaced stream is named, not reported as a bare read error. */
class StreamGuardTest {
  private static final String ARN = "arn:table/orders/stream/1";

  /** A table endpoint whose one table has a given stream, or is gone. */
  static final class OneTable implements DynamoTables {
    volatile String streamArn = ARN;
    volatile boolean deleted;

    @Override
    public TableInfo describeTable(String table) {
      if (deleted) {
        throw new TableNotFoundException(table, null);
      }
      TableSchema schema =
          TableSchema.of(table, new KeySchema("id", null), Map.of("id", KeyAttributeType.S));
      return new TableInfo(
          schema, TableInfo.Status.ACTIVE, true, StreamView.NEW_AND_OLD_IMAGES, streamArn, 0, 0);
    }

    @Override
    public List<String> listTables() {
      return List.of("orders");
    }

    @Override
    public Optional<String> timeToLive(String table) {
      return Optional.empty();
    }

    @Override
    public void createTable(TableSchema schema) {}

    @Override
    public void updateTable(String table, TableChange change) {}

    @Override
    public void deleteTable(String table) {}
  }

  private final OneTable tables = new OneTable();
  private final ManualClock time = new ManualClock();
  private final StreamGuard guard =
      new StreamGuard(
          "orders",
          tables,
          new Retrier(
              new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)),
              new DynamoErrorClassifier(),
              time,
              time));

  @Test
  void theSameStreamPasses() {
    guard.check(ARN);
  }

  @Test
  void aDeletedTableIsNamed() {
    tables.deleted = true;
    assertThatThrownBy(() -> guard.check(ARN))
        .isInstanceOf(SourceTableDeletedException.class)
        .hasMessageContaining("orders");
  }

  @Test
  void aReplacedStreamLosesThePositions() {
    tables.streamArn = "arn:table/orders/stream/2";
    assertThatThrownBy(() -> guard.check(ARN))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("stream/1")
        .hasMessageContaining("stream/2");
  }

  @Test
  void aStreamGoneFromUnderAReaderIsExplainedByTheTableState() {
    RuntimeException gone = ResourceNotFoundException.builder().message("stream gone").build();
    tables.deleted = true;
    assertThat(guard.explain(ARN, gone)).isInstanceOf(SourceTableDeletedException.class);
    tables.deleted = false;
    assertThat(guard.explain(ARN, gone)).isSameAs(gone);
  }
}
