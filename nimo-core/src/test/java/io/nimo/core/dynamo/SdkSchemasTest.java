package io.nimo.core.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.Capacity;
import io.nimo.core.item.IndexSchema;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The translation between DynamoDB's table descriptions and requests and nimo's schema. */
class SdkSchemasTest {

  private static final TableSchema ORDERS =
      new TableSchema(
          "Orders",
          new KeySchema("customer", "placed"),
          Map.of(
              "customer", KeyAttributeType.S,
              "placed", KeyAttributeType.N,
              "status", KeyAttributeType.S,
              "total", KeyAttributeType.N,
              "unusedAttribute", KeyAttributeType.B),
          List.of(
              new IndexSchema(
                  "byStatus",
                  new KeySchema("status", "placed"),
                  IndexSchema.Projection.INCLUDE,
                  List.of("total"),
                  new Capacity(7, 3))),
          List.of(
              new IndexSchema(
                  "byTotal",
                  new KeySchema("customer", "total"),
                  IndexSchema.Projection.KEYS_ONLY,
                  List.of(),
                  null)),
          new Capacity(10, 5),
          null);

  /** What DynamoDB describes after creating a table from this request. */
  private static TableDescription describedAfter(CreateTableRequest r, TableStatus status) {
    TableDescription.Builder d =
        TableDescription.builder()
            .tableName(r.tableName())
            .tableStatus(status)
            .keySchema(r.keySchema())
            .attributeDefinitions(r.attributeDefinitions())
            .globalSecondaryIndexes(
                r.globalSecondaryIndexes().stream()
                    .map(
                        g ->
                            GlobalSecondaryIndexDescription.builder()
                                .indexName(g.indexName())
                                .keySchema(g.keySchema())
                                .projection(g.projection())
                                .indexStatus(IndexStatus.ACTIVE)
                                .provisionedThroughput(
                                    g.provisionedThroughput() == null
                                        ? null
                                        : ProvisionedThroughputDescription.builder()
                                            .readCapacityUnits(
                                                g.provisionedThroughput().readCapacityUnits())
                                            .writeCapacityUnits(
                                                g.provisionedThroughput().writeCapacityUnits())
                                            .build())
                                .build())
                    .toList())
            .localSecondaryIndexes(
                r.localSecondaryIndexes().stream()
                    .map(
                        l ->
                            LocalSecondaryIndexDescription.builder()
                                .indexName(l.indexName())
                                .keySchema(l.keySchema())
                                .projection(l.projection())
                                .build())
                    .toList())
            .itemCount(42L)
            .tableSizeBytes(4096L);
    if (r.billingMode() == BillingMode.PAY_PER_REQUEST) {
      d.billingModeSummary(
          BillingModeSummary.builder().billingMode(BillingMode.PAY_PER_REQUEST).build());
    } else {
      d.provisionedThroughput(
          ProvisionedThroughputDescription.builder()
              .readCapacityUnits(r.provisionedThroughput().readCapacityUnits())
              .writeCapacityUnits(r.provisionedThroughput().writeCapacityUnits())
              .build());
    }
    return d.build();
  }

  @Test
  void provisionedTableWithBothIndexKindsSurvivesCreateAndDescribe() {
    CreateTableRequest request = SdkSchemas.createRequest(ORDERS);

    TableInfo info = SdkSchemas.info(describedAfter(request, TableStatus.ACTIVE));

    TableSchema expected =
        new TableSchema(
            ORDERS.name(),
            ORDERS.key(),
            Map.of(
                "customer", KeyAttributeType.S,
                "placed", KeyAttributeType.N,
                "status", KeyAttributeType.S,
                "total", KeyAttributeType.N),
            ORDERS.globalIndexes(),
            ORDERS.localIndexes(),
            ORDERS.capacity(),
            null);
    assertThat(info.schema()).isEqualTo(expected);
    assertThat(info.status()).isEqualTo(TableInfo.Status.ACTIVE);
    assertThat(info.indexesActive()).isTrue();
    assertThat(info.itemCount()).isEqualTo(42);
    assertThat(info.sizeBytes()).isEqualTo(4096);
  }

  @Test
  void onlyAttributesAKeyUsesAreDefinedSinceDynamoDbRejectsTheRest() {
    CreateTableRequest request = SdkSchemas.createRequest(ORDERS);

    assertThat(request.attributeDefinitions())
        .extracting(AttributeDefinition::attributeName)
        .containsExactly("customer", "placed", "status", "total");
    assertThat(request.attributeDefinitions())
        .extracting(AttributeDefinition::attributeTypeAsString)
        .containsExactly("S", "N", "S", "N");
  }

  @Test
  void onDemandTableAndItsIndexesCarryNoThroughput() {
    CreateTableRequest request = SdkSchemas.createRequest(ORDERS.asOnDemand());

    assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(request.provisionedThroughput()).isNull();
    assertThat(request.globalSecondaryIndexes())
        .allSatisfy(g -> assertThat(g.provisionedThroughput()).isNull());

    TableInfo info = SdkSchemas.info(describedAfter(request, TableStatus.ACTIVE));
    assertThat(info.schema().onDemand()).isTrue();
    assertThat(info.schema().globalIndexes()).allSatisfy(g -> assertThat(g.capacity()).isNull());
  }

  @Test
  void provisionedGlobalIndexWithoutKnownCapacityGetsTheSmallestThroughput() {
    TableSchema noIndexCapacity =
        new TableSchema(
            "T",
            new KeySchema("id", null),
            Map.of("id", KeyAttributeType.S, "g", KeyAttributeType.S),
            List.of(
                new IndexSchema(
                    "byG", new KeySchema("g", null), IndexSchema.Projection.ALL, List.of(), null)),
            List.of(),
            new Capacity(5, 5),
            null);

    CreateTableRequest request = SdkSchemas.createRequest(noIndexCapacity);

    assertThat(request.keySchema()).hasSize(1);
    assertThat(request.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits())
        .isEqualTo(1L);
    assertThat(request.globalSecondaryIndexes().get(0).projection().nonKeyAttributes()).isEmpty();
  }

  @Test
  void tableStatesAndAStillBuildingIndexAreReported() {
    CreateTableRequest request = SdkSchemas.createRequest(ORDERS);
    TableDescription creating = describedAfter(request, TableStatus.CREATING);
    TableDescription backfilling =
        creating.toBuilder()
            .tableStatus(TableStatus.UPDATING)
            .globalSecondaryIndexes(
                creating.globalSecondaryIndexes().get(0).toBuilder()
                    .indexStatus(IndexStatus.CREATING)
                    .build())
            .build();

    assertThat(SdkSchemas.info(creating).status()).isEqualTo(TableInfo.Status.CREATING);
    TableInfo info = SdkSchemas.info(backfilling);
    assertThat(info.status()).isEqualTo(TableInfo.Status.UPDATING);
    assertThat(info.indexesActive()).isFalse();
    assertThat(SdkSchemas.info(creating.toBuilder().tableStatus((String) null).build()).status())
        .isEqualTo(TableInfo.Status.OTHER);
  }

  @Test
  void enabledStreamIsReportedWithItsViewAndArn() {
    TableDescription d =
        describedAfter(SdkSchemas.createRequest(ORDERS), TableStatus.ACTIVE).toBuilder()
            .streamSpecification(
                StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType("NEW_AND_OLD_IMAGES")
                    .build())
            .latestStreamArn("arn:aws:dynamodb:us-east-1:1:table/Orders/stream/1")
            .build();
    TableDescription off =
        d.toBuilder()
            .streamSpecification(StreamSpecification.builder().streamEnabled(false).build())
            .build();

    assertThat(SdkSchemas.info(d).stream()).isEqualTo(StreamView.NEW_AND_OLD_IMAGES);
    assertThat(SdkSchemas.info(d).streamArn()).endsWith("/stream/1");
    assertThat(SdkSchemas.info(off).stream()).isNull();
  }

  @Test
  void missingCountsReadAsZero() {
    TableDescription d =
        describedAfter(SdkSchemas.createRequest(ORDERS), TableStatus.ACTIVE).toBuilder()
            .itemCount(null)
            .tableSizeBytes(null)
            .build();

    assertThat(SdkSchemas.info(d).itemCount()).isZero();
    assertThat(SdkSchemas.info(d).sizeBytes()).isZero();
  }

  @Test
  void indexWithoutAHashKeyIsRefusedNamingIt() {
    TableDescription d =
        describedAfter(SdkSchemas.createRequest(ORDERS), TableStatus.ACTIVE).toBuilder()
            .localSecondaryIndexes(
                LocalSecondaryIndexDescription.builder()
                    .indexName("broken")
                    .keySchema(
                        KeySchemaElement.builder()
                            .attributeName("total")
                            .keyType(KeyType.RANGE)
                            .build())
                    .build())
            .build();

    assertThatThrownBy(() -> SdkSchemas.info(d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index broken");
  }
}
