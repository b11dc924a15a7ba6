package io.nimo.core.dynamo;

import io.nimo.core.item.Capacity;
import io.nimo.core.item.IndexSchema;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Translates between the SDK's table descriptions and requests and nimo's {@link TableSchema}. */
final class SdkSchemas {
  private SdkSchemas() {}

  static TableInfo info(TableDescription d) {
    Map<String, KeyAttributeType> types = new LinkedHashMap<>();
    d.attributeDefinitions()
        .forEach(
            a -> types.put(a.attributeName(), KeyAttributeType.valueOf(a.attributeTypeAsString())));
    boolean onDemand =
        d.billingModeSummary() != null
            && d.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
    List<IndexSchema> global = new ArrayList<>();
    boolean indexesActive = true;
    for (var g : d.globalSecondaryIndexes()) {
      global.add(
          index(
              g.indexName(),
              g.keySchema(),
              g.projection(),
              onDemand ? null : capacity(g.provisionedThroughput())));
      indexesActive &= g.indexStatus() == null || g.indexStatus() == IndexStatus.ACTIVE;
    }
    List<IndexSchema> local = new ArrayList<>();
    for (var l : d.localSecondaryIndexes()) {
      local.add(index(l.indexName(), l.keySchema(), l.projection(), null));
    }
    TableSchema schema =
        new TableSchema(
            d.tableName(),
            key(d.tableName(), d.keySchema()),
            types,
            global,
            local,
            onDemand ? null : capacity(d.provisionedThroughput()),
            null);
    boolean streamOn =
        d.streamSpecification() != null
            && Boolean.TRUE.equals(d.streamSpecification().streamEnabled());
    return new TableInfo(
        schema,
        status(d),
        indexesActive,
        streamOn ? StreamView.valueOf(d.streamSpecification().streamViewTypeAsString()) : null,
        d.latestStreamArn(),
        d.itemCount() == null ? 0 : d.itemCount(),
        d.tableSizeBytes() == null ? 0 : d.tableSizeBytes());
  }

  static CreateTableRequest createRequest(TableSchema s) {
    CreateTableRequest.Builder b =
        CreateTableRequest.builder().tableName(s.name()).keySchema(elements(s.key()));
    Set<String> used = new HashSet<>(s.key().attributes());
    if (!s.globalIndexes().isEmpty()) {
      b.globalSecondaryIndexes(s.globalIndexes().stream().map(g -> gsi(g, s.onDemand())).toList());
      s.globalIndexes().forEach(g -> used.addAll(g.key().attributes()));
    }
    if (!s.localIndexes().isEmpty()) {
      b.localSecondaryIndexes(s.localIndexes().stream().map(SdkSchemas::lsi).toList());
      s.localIndexes().forEach(l -> used.addAll(l.key().attributes()));
    }
    // DynamoDB rejects attribute definitions that no key uses
    b.attributeDefinitions(
        used.stream()
            .sorted()
            .map(
                a ->
                    AttributeDefinition.builder()
                        .attributeName(a)
                        .attributeType(s.typeOf(a).name())
                        .build())
            .toList());
    if (s.onDemand()) {
      b.billingMode(BillingMode.PAY_PER_REQUEST);
    } else {
      b.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(s.capacity()));
    }
    return b.build();
  }

  private static TableInfo.Status status(TableDescription d) {
    return switch (d.tableStatusAsString() == null ? "" : d.tableStatusAsString()) {
      case "CREATING" -> TableInfo.Status.CREATING;
      case "UPDATING" -> TableInfo.Status.UPDATING;
      case "DELETING" -> TableInfo.Status.DELETING;
      case "ACTIVE" -> TableInfo.Status.ACTIVE;
      default -> TableInfo.Status.OTHER;
    };
  }

  private static KeySchema key(String owner, List<KeySchemaElement> elements) {
    String hash = null;
    String range = null;
    for (KeySchemaElement e : elements) {
      if (e.keyType() == KeyType.HASH) {
        hash = e.attributeName();
      } else if (e.keyType() == KeyType.RANGE) {
        range = e.attributeName();
      }
    }
    if (hash == null) {
      throw new IllegalArgumentException(owner + " has no HASH key");
    }
    return new KeySchema(hash, range);
  }

  private static IndexSchema index(
      String name, List<KeySchemaElement> key, Projection p, Capacity capacity) {
    IndexSchema.Projection kind =
        p == null || p.projectionTypeAsString() == null
            ? IndexSchema.Projection.ALL
            : IndexSchema.Projection.valueOf(p.projectionTypeAsString());
    List<String> extra = p != null && p.hasNonKeyAttributes() ? p.nonKeyAttributes() : List.of();
    return new IndexSchema(name, key("index " + name, key), kind, extra, capacity);
  }

  private static Capacity capacity(ProvisionedThroughputDescription d) {
    long r = d == null || d.readCapacityUnits() == null ? 0 : d.readCapacityUnits();
    long w = d == null || d.writeCapacityUnits() == null ? 0 : d.writeCapacityUnits();
    return new Capacity(r, w);
  }

  private static GlobalSecondaryIndex gsi(IndexSchema g, boolean onDemand) {
    GlobalSecondaryIndex.Builder b =
        GlobalSecondaryIndex.builder()
            .indexName(g.name())
            .keySchema(elements(g.key()))
            .projection(projection(g));
    if (!onDemand) {
      b.provisionedThroughput(throughput(g.capacity() == null ? new Capacity(1, 1) : g.capacity()));
    }
    return b.build();
  }

  private static LocalSecondaryIndex lsi(IndexSchema l) {
    return LocalSecondaryIndex.builder()
        .indexName(l.name())
        .keySchema(elements(l.key()))
        .projection(projection(l))
        .build();
  }

  private static Projection projection(IndexSchema i) {
    Projection.Builder b = Projection.builder().projectionType(i.projection().name());
    if (!i.nonKeyAttributes().isEmpty()) {
      b.nonKeyAttributes(i.nonKeyAttributes());
    }
    return b.build();
  }

  private static ProvisionedThroughput throughput(Capacity c) {
    return ProvisionedThroughput.builder()
        .readCapacityUnits(c.readUnits())
        .writeCapacityUnits(c.writeUnits())
        .build();
  }

  private static List<KeySchemaElement> elements(KeySchema k) {
    List<KeySchemaElement> e = new ArrayList<>();
    e.add(KeySchemaElement.builder().attributeName(k.hashKey()).keyType(KeyType.HASH).build());
    if (k.rangeKey() != null) {
      e.add(KeySchemaElement.builder().attributeName(k.rangeKey()).keyType(KeyType.RANGE).build());
    }
    return e;
  }
}
