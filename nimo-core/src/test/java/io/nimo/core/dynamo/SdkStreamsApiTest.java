package io.nimo.core.dynamo;

import static io.nimo.core.testkit.TestItems.n;
import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** The SDK's stream records in nimo's terms: the one place that reads SDK records. */
class SdkStreamsApiTest {
  private static final Map<String, AttributeValue> KEY = Map.of("pk", s("a"), "sk", n("1"));
  private static final Map<String, AttributeValue> IMAGE =
      Map.of("pk", s("a"), "sk", n("1"), "v", s("new"));
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

  private static Record record(String event, boolean withImage, Identity who) {
    StreamRecord.Builder d =
        StreamRecord.builder().keys(KEY).sequenceNumber("000100").approximateCreationDateTime(AT);
    if (withImage) {
      d.newImage(IMAGE);
    }
    return Record.builder().eventName(event).dynamodb(d.build()).userIdentity(who).build();
  }

  @Test
  void insertsAndModifiesCarryKeysImageSequenceAndTime() {
    for (String op : new String[] {"INSERT", "MODIFY"}) {
      ShardRecord r = SdkStreamsApi.toShardRecord(record(op, true, null));

      assertThat(r.op().name()).isEqualTo(op);
      assertThat(r.keys()).isEqualTo(KEY);
      assertThat(r.newImage()).isEqualTo(IMAGE);
      assertThat(r.sequenceNumber()).isEqualTo("000100");
      assertThat(r.createdMillis()).isEqualTo(AT.toEpochMilli());
      assertThat(r.byTtl()).isFalse();
    }
  }

  @Test
  void aRemoveByTheTtlServiceIsMarkedAndAUsersRemoveIsNot() {
    Identity ttl = Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build();
    Identity user = Identity.builder().type("Service").principalId("lambda.amazonaws.com").build();

    assertThat(SdkStreamsApi.toShardRecord(record("REMOVE", false, ttl)).byTtl()).isTrue();
    assertThat(SdkStreamsApi.toShardRecord(record("REMOVE", false, user)).byTtl()).isFalse();
    ShardRecord plain = SdkStreamsApi.toShardRecord(record("REMOVE", false, null));
    assertThat(plain.byTtl()).isFalse();
    assertThat(plain.newImage()).isNull();
  }

  @Test
  void aChangeWithoutItsNewImageKeepsNoImageForTheConverterToRefuse() {
    assertThat(SdkStreamsApi.toShardRecord(record("MODIFY", false, null)).newImage()).isNull();
  }

  @Test
  void anUnknownEventIsRefusedNamingTheRecordAndTheEventsOwnText() {
    assertThatThrownBy(() -> SdkStreamsApi.toShardRecord(record("TRUNCATE", true, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("000100")
        .hasMessageContaining("TRUNCATE");
  }
}
