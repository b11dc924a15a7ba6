package io.nimo.core.testkit;

import io.nimo.core.dynamo.DynamoTables;
import io.nimo.core.dynamo.StreamView;
import io.nimo.core.dynamo.TableChange;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.dynamo.TableNotFoundException;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-written table endpoint with one table (hash key {@code id}, S) whose stream a test sets:
 * its view (or none), its ARN, or the table deleted. UpdateTable with {@link
 * TableChange.EnableStream} enables a stream and is recorded.
 */
public final class OneTableEndpoint implements DynamoTables {
  public volatile StreamView view = StreamView.NEW_AND_OLD_IMAGES;
  public volatile String streamArn;
  public volatile boolean deleted;
  public volatile TableChange lastChange;

  public OneTableEndpoint(String streamArn) {
    this.streamArn = streamArn;
  }

  @Override
  public TableInfo describeTable(String table) {
    if (deleted) {
      throw new TableNotFoundException(table, null);
    }
    TableSchema schema =
        TableSchema.of(table, new KeySchema("id", null), Map.of("id", KeyAttributeType.S));
    return new TableInfo(
        schema, TableInfo.Status.ACTIVE, true, view, view == null ? null : streamArn, 0, 0);
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
  public void updateTable(String table, TableChange change) {
    lastChange = change;
    if (change instanceof TableChange.EnableStream e) {
      view = e.view();
    }
  }

  @Override
  public void deleteTable(String table) {}
}
