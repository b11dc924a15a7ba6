package io.nimo.core.sink.dynamo;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Turns a source DescribeTable into the CreateTable request that mirrors it on the target. */
final class TableSchemaMapper {
  private TableSchemaMapper() {}

  static CreateTableRequest toCreateRequest(
      TableDescription src, boolean withIndexes, boolean payPerRequest) {
    CreateTableRequest.Builder b =
        CreateTableRequest.builder().tableName(src.tableName()).keySchema(src.keySchema());
    Set<String> used = new HashSet<>(names(src.keySchema()));
    if (withIndexes && src.hasGlobalSecondaryIndexes() && !src.globalSecondaryIndexes().isEmpty()) {
      b.globalSecondaryIndexes(
          src.globalSecondaryIndexes().stream().map(g -> gsi(g, payPerRequest)).toList());
      src.globalSecondaryIndexes().forEach(g -> used.addAll(names(g.keySchema())));
    }
    if (withIndexes && src.hasLocalSecondaryIndexes() && !src.localSecondaryIndexes().isEmpty()) {
      b.localSecondaryIndexes(
          src.localSecondaryIndexes().stream().map(TableSchemaMapper::lsi).toList());
      src.localSecondaryIndexes().forEach(l -> used.addAll(names(l.keySchema())));
    }
    // DynamoDB rejects attribute definitions that no key uses
    List<AttributeDefinition> defs =
        src.attributeDefinitions().stream().filter(d -> used.contains(d.attributeName())).toList();
    b.attributeDefinitions(defs);
    if (payPerRequest) {
      b.billingMode(BillingMode.PAY_PER_REQUEST);
    } else {
      b.billingMode(BillingMode.PROVISIONED)
          .provisionedThroughput(throughput(src.provisionedThroughput()));
    }
    return b.build();
  }

  static boolean isPayPerRequest(TableDescription src) {
    return src.billingModeSummary() != null
        && src.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
  }

  private static GlobalSecondaryIndex gsi(
      GlobalSecondaryIndexDescription g, boolean payPerRequest) {
    GlobalSecondaryIndex.Builder b =
        GlobalSecondaryIndex.builder()
            .indexName(g.indexName())
            .keySchema(g.keySchema())
            .projection(projection(g.projection()));
    if (!payPerRequest) {
      b.provisionedThroughput(throughput(g.provisionedThroughput()));
    }
    return b.build();
  }

  private static LocalSecondaryIndex lsi(LocalSecondaryIndexDescription l) {
    return LocalSecondaryIndex.builder()
        .indexName(l.indexName())
        .keySchema(l.keySchema())
        .projection(projection(l.projection()))
        .build();
  }

  private static Projection projection(Projection p) {
    if (p == null) {
      return Projection.builder().projectionType("ALL").build();
    }
    Projection.Builder b = Projection.builder().projectionType(p.projectionType());
    if (p.hasNonKeyAttributes() && !p.nonKeyAttributes().isEmpty()) {
      b.nonKeyAttributes(p.nonKeyAttributes());
    }
    return b.build();
  }

  private static ProvisionedThroughput throughput(ProvisionedThroughputDescription d) {
    long r = d == null || d.readCapacityUnits() == null ? 0 : d.readCapacityUnits();
    long w = d == null || d.writeCapacityUnits() == null ? 0 : d.writeCapacityUnits();
    return ProvisionedThroughput.builder()
        .readCapacityUnits(Math.max(1, r))
        .writeCapacityUnits(Math.max(1, w))
        .build();
  }

  private static List<String> names(List<KeySchemaElement> keys) {
    return keys.stream().map(KeySchemaElement::attributeName).toList();
  }
}
