package io.nimo.core.checkpoint.dynamo;

import io.nimo.core.checkpoint.CheckpointDocuments;
import io.nimo.core.checkpoint.CheckpointException;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.dynamo.TableNotFoundException;
import io.nimo.core.item.ItemSize;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.retry.Retrier;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Documents as items {@code {name: S, doc: S, updated_at: S}} of one table on a DynamoDB-API
 * endpoint (by default the PolarDB target itself). The table is created on first use. Each document
 * is one PutItem, which DynamoDB applies atomically.
 */
final class DynamoDocuments implements CheckpointDocuments {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDocuments.class);
  private final DynamoClient api;
  private final Retrier retrier;
  private final String table;
  private final String endpointLabel;
  private volatile boolean ready;

  DynamoDocuments(DynamoClient api, Retrier retrier, String table, String endpointLabel) {
    this.api = api;
    this.retrier = retrier;
    this.table = table;
    this.endpointLabel = endpointLabel;
  }

  @Override
  public Optional<String> read(String name) {
    ensureTable();
    Map<String, AttributeValue> item =
        retrier.call(
            "GetItem " + table + " {" + name + "}",
            () -> api.getItem(table, Map.of("name", AttributeValue.fromS(name))));
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("doc").s());
  }

  @Override
  public void write(String name, String json) {
    ensureTable();
    Map<String, AttributeValue> item =
        Map.of(
            "name",
            AttributeValue.fromS(name),
            "doc",
            AttributeValue.fromS(json),
            "updated_at",
            AttributeValue.fromS(Instant.now().toString()));
    if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
      throw new CheckpointException(
          "checkpoint document "
              + name
              + " is "
              + ItemSize.of(item)
              + " bytes, over DynamoDB's 400 KB item limit; use checkpoint.type = file");
    }
    retrier.call(
        "PutItem " + table + " {" + name + "}",
        () -> {
          api.putItem(table, item);
          return null;
        });
  }

  @Override
  public String describe() {
    return "table " + table + " on " + endpointLabel;
  }

  private void ensureTable() {
    if (ready) {
      return;
    }
    synchronized (this) {
      if (ready) {
        return;
      }
      try {
        retrier.call("DescribeTable " + table, () -> api.describeTable(table));
      } catch (TableNotFoundException missing) {
        LOG.info("creating checkpoint table {} on {}", table, endpointLabel);
        retrier.call(
            "CreateTable " + table,
            () -> {
              api.createTable(
                  TableSchema.of(
                      table, new KeySchema("name", null), Map.of("name", KeyAttributeType.S)));
              return null;
            });
      }
      Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
      while (retrier.call("DescribeTable " + table, () -> api.describeTable(table)).status()
          != TableInfo.Status.ACTIVE) {
        if (Instant.now().isAfter(deadline)) {
          throw new CheckpointException(
              "checkpoint table " + table + " did not become ACTIVE within 5 minutes");
        }
        retrier.pause("waiting for checkpoint table " + table, Duration.ofMillis(250));
      }
      ready = true;
    }
  }
}
