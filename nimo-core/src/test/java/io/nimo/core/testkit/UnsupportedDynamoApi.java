package io.nimo.core.testkit;

import io.nimo.core.dynamo.BatchGetResult;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.dynamo.ItemWrite;
import io.nimo.core.dynamo.ScanCall;
import io.nimo.core.dynamo.ScanResult;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A base for hand-written {@link DynamoApi} fakes: every call a test does not expect fails. */
public abstract class UnsupportedDynamoApi implements DynamoApi {
  @Override
  public ScanResult scan(ScanCall call) {
    throw new UnsupportedOperationException("Scan");
  }

  @Override
  public List<ItemWrite> batchWrite(String table, List<ItemWrite> writes) {
    throw new UnsupportedOperationException("BatchWriteItem");
  }

  @Override
  public BatchGetResult batchGet(
      String table, List<Map<String, AttributeValue>> keys, List<String> attributes) {
    throw new UnsupportedOperationException("BatchGetItem");
  }

  @Override
  public Map<String, AttributeValue> getItem(String table, Map<String, AttributeValue> key) {
    throw new UnsupportedOperationException("GetItem");
  }

  @Override
  public void putItem(String table, Map<String, AttributeValue> item) {
    throw new UnsupportedOperationException("PutItem");
  }

  @Override
  public void deleteItem(String table, Map<String, AttributeValue> key) {
    throw new UnsupportedOperationException("DeleteItem");
  }

  @Override
  public void close() {}
}
