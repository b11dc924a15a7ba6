package io.nimo.core.testkit;

import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.TableChange;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.item.TableSchema;
import java.util.List;
import java.util.Optional;

/**
 * A base for hand-written fakes of a whole DynamoDB endpoint (items and tables): every call a test
 * does not expect fails.
 */
public abstract class UnsupportedDynamoClient extends UnsupportedDynamoApi implements DynamoClient {
  @Override
  public List<String> listTables() {
    throw new UnsupportedOperationException("ListTables");
  }

  @Override
  public TableInfo describeTable(String table) {
    throw new UnsupportedOperationException("DescribeTable");
  }

  @Override
  public Optional<String> timeToLive(String table) {
    throw new UnsupportedOperationException("DescribeTimeToLive");
  }

  @Override
  public void createTable(TableSchema schema) {
    throw new UnsupportedOperationException("CreateTable");
  }

  @Override
  public void updateTable(String table, TableChange change) {
    throw new UnsupportedOperationException("UpdateTable");
  }

  @Override
  public void deleteTable(String table) {
    throw new UnsupportedOperationException("DeleteTable");
  }
}
