package io.nimo.core.checkpoint.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.retry.Retrier;
import io.nimo.core.testkit.CheckpointStoreContract;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TestRetriers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DynamoDB checkpoint store passes the store contract on a real DynamoDB Local. */
class DynamoCheckpointStoreContractIT extends CheckpointStoreContract {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static DynamoLocal server;
  private String table;

  @BeforeAll
  static void start() {
    server = DynamoLocal.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void freshTable() {
    table = "job-checkpoint-" + TABLES.incrementAndGet();
  }

  @Override
  protected CheckpointStore openStore() {
    Retrier retrier = TestRetriers.dynamo(Duration.ofSeconds(20));
    return new DynamoCheckpointStore(server.api(), retrier, table, server.endpoint());
  }

  @Test
  void keepsTheOriginalStatusDocumentFields() {
    try (CheckpointStore store = openStore()) {
      store.load("job-a");
      store.save(new JobState.Delta.PhaseChanged(JobState.Phase.INCR_SYNC));
    }
    var item =
        server
            .client()
            .getItem(
                b ->
                    b.tableName(table)
                        .key(
                            java.util.Map.of(
                                "name",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                    "status_table"))))
            .item();
    assertThat(item.get("doc").s())
        .contains("\"status_value\" : \"incr_sync\"")
        .contains("\"format_version\" : 1");
  }
}
