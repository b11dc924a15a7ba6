package io.nimo.backsync.apply;

import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.source.KeyAttribute;
import io.nimo.backsync.source.TargetKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** {@link TargetKeys} by DescribeTable on the job's DynamoDB target; open while discovery runs. */
public final class SdkTargetKeys implements TargetKeys, AutoCloseable {
  private final DynamoDbClient client;

  /**
   * Opens a client for the configured target.
   *
   * @param options the job options
   */
  public SdkTargetKeys(BackSyncOptions options) {
    this.client = SdkItemStoreFactory.client(options);
  }

  @Override
  public Optional<List<KeyAttribute>> keyOf(String table) {
    TableDescription d;
    try {
      d = client.describeTable(r -> r.tableName(table)).table();
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
    Map<String, String> types = new HashMap<>();
    for (AttributeDefinition a : d.attributeDefinitions()) {
      types.put(a.attributeName(), a.attributeTypeAsString());
    }
    List<KeyAttribute> key = new ArrayList<>();
    for (KeyType role : new KeyType[] {KeyType.HASH, KeyType.RANGE}) {
      for (KeySchemaElement e : d.keySchema()) {
        if (e.keyType() == role) {
          key.add(new KeyAttribute(e.attributeName(), types.get(e.attributeName())));
        }
      }
    }
    return Optional.of(key);
  }

  @Override
  public void close() {
    client.close();
  }
}
