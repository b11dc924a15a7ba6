package io.nimo.core.sink.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.dynamo.TableChange;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.dynamo.TableNotFoundException;
import io.nimo.core.item.Capacity;
import io.nimo.core.item.IndexSchema;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Creating the target table on a DynamoDB-API endpoint: what an existing table does under each
 * {@code target.db.exist}, and the fallbacks for endpoints that refuse provisioned capacity or TTL.
 */
class DynamoTargetPrepareTest {
  private static final TableSchema SOURCE =
      new TableSchema(
          "src-name",
          new KeySchema("id", null),
          Map.of("id", KeyAttributeType.S, "email", KeyAttributeType.S),
          List.of(
              new IndexSchema(
                  "byEmail",
                  new KeySchema("email", null),
                  IndexSchema.Projection.KEYS_ONLY,
                  List.of(),
                  new Capacity(2, 2))),
          List.of(),
          new Capacity(5, 5),
          "expires_at");

  private final ManualClock clock = new ManualClock();

  /** An endpoint's tables held in memory; a created table is ACTIVE at the next describe. */
  private static final class Endpoint extends UnsupportedDynamoClient {
    final Map<String, TableSchema> tables = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    boolean refusesProvisioned;
    boolean refusesTtl;
    int throttleCreates;

    @Override
    public TableInfo describeTable(String table) {
      TableSchema s = tables.get(table);
      if (s == null) {
        throw new TableNotFoundException(table, null);
      }
      return new TableInfo(s, TableInfo.Status.ACTIVE, true, null, null, 0, 0);
    }

    @Override
    public void createTable(TableSchema schema) {
      calls.add("create " + schema.name() + (schema.onDemand() ? " on-demand" : " provisioned"));
      if (throttleCreates-- > 0) {
        throw refusal(400, "LimitExceededException", "too many tables being created");
      }
      if (refusesProvisioned && !schema.onDemand()) {
        throw refusal(400, "ValidationException", "only PAY_PER_REQUEST is supported");
      }
      tables.put(schema.name(), schema);
    }

    @Override
    public void deleteTable(String table) {
      calls.add("delete " + table);
      tables.remove(table);
    }

    @Override
    public void updateTable(String table, TableChange change) {
      calls.add("update " + table + " " + change);
      if (refusesTtl && change instanceof TableChange.EnableTtl) {
        throw refusal(400, "UnknownOperationException", "TTL is not supported");
      }
    }

    private static DynamoDbException refusal(int status, String code, String message) {
      return (DynamoDbException)
          DynamoDbException.builder()
              .statusCode(status)
              .message(message)
              .awsErrorDetails(
                  AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
              .build();
    }
  }

  private DynamoTarget target(Endpoint endpoint, boolean withIndexes) {
    var retrier = TestRetriers.manual(clock);
    return new DynamoTarget(
        "orders",
        endpoint,
        retrier,
        new TableWaiter(endpoint, retrier, Duration.ofMinutes(1)),
        withIndexes,
        null,
        io.nimo.core.dynamo.ReadConsistency.honoured());
  }

  @Test
  void aNewTableIsCreatedUnderTheTargetsNameWithIndexesAndTtl() {
    Endpoint endpoint = new Endpoint();

    PrepareResult r = target(endpoint, true).prepare(SOURCE, ExistPolicy.FAIL);

    assertThat(r.dropped()).isFalse();
    assertThat(r.notes()).isEmpty();
    TableSchema created = endpoint.tables.get("orders");
    assertThat(created.key()).isEqualTo(SOURCE.key());
    assertThat(created.globalIndexes()).isEqualTo(SOURCE.globalIndexes());
    assertThat(created.capacity()).isEqualTo(new Capacity(5, 5));
    assertThat(endpoint.calls)
        .containsExactly(
            "create orders provisioned", "update orders EnableTtl[attribute=expires_at]");
  }

  @Test
  void withoutUserIndexesOnlyThePrimaryKeyIsCreated() {
    Endpoint endpoint = new Endpoint();

    target(endpoint, false).prepare(SOURCE, ExistPolicy.FAIL);

    assertThat(endpoint.tables.get("orders").globalIndexes()).isEmpty();
  }

  @Test
  void anExistingTableStopsTheTableUnlessDropIsAsked() {
    Endpoint endpoint = new Endpoint();
    endpoint.tables.put("orders", SOURCE);

    assertThatThrownBy(() -> target(endpoint, true).prepare(SOURCE, ExistPolicy.FAIL))
        .isInstanceOf(TargetTableExistsException.class);
    assertThatThrownBy(() -> target(endpoint, true).prepare(SOURCE, ExistPolicy.RENAME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot rename");
    assertThat(endpoint.calls).isEmpty();

    PrepareResult r = target(endpoint, true).prepare(SOURCE, ExistPolicy.DROP);

    assertThat(r.dropped()).isTrue();
    assertThat(endpoint.calls).startsWith("delete orders", "create orders provisioned");
  }

  @Test
  void anEndpointRefusingProvisionedCapacityGetsAnOnDemandTableAndANote() {
    Endpoint endpoint = new Endpoint();
    endpoint.refusesProvisioned = true;

    PrepareResult r = target(endpoint, true).prepare(SOURCE, ExistPolicy.FAIL);

    assertThat(endpoint.tables.get("orders").onDemand()).isTrue();
    assertThat(endpoint.calls).startsWith("create orders provisioned", "create orders on-demand");
    assertThat(r.notes())
        .singleElement()
        .asString()
        .contains("provisioned capacity refused")
        .contains("PAY_PER_REQUEST");
  }

  @Test
  void aThrottledCreateIsRetriedNotDowngraded() {
    Endpoint endpoint = new Endpoint();
    endpoint.throttleCreates = 2;

    PrepareResult r = target(endpoint, true).prepare(SOURCE, ExistPolicy.FAIL);

    assertThat(endpoint.tables.get("orders").onDemand()).isFalse();
    assertThat(endpoint.calls)
        .filteredOn(c -> c.startsWith("create"))
        .containsExactly(
            "create orders provisioned", "create orders provisioned", "create orders provisioned");
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void anEndpointRefusingTtlStillGetsTheTableWithANoteSayingExpiredItemsStay() {
    Endpoint endpoint = new Endpoint();
    endpoint.refusesTtl = true;

    PrepareResult r = target(endpoint, true).prepare(SOURCE, ExistPolicy.FAIL);

    assertThat(endpoint.tables).containsKey("orders");
    assertThat(r.notes())
        .singleElement()
        .asString()
        .contains("TTL on 'expires_at' not accepted")
        .contains("expired items will not be removed");
  }
}
