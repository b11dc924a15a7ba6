package io.nimo.core.source.stream;

import static io.nimo.core.testkit.TestItems.n;
import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ChangeEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

class StreamRecordConverterTest {
  private static final KeySchema KEYS = new KeySchema("pk", "sk");
  private static final Map<String, AttributeValue> KEY = Map.of("pk", s("a"), "sk", n("1"));
  private static final Map<String, AttributeValue> IMAGE =
      Map.of("pk", s("a"), "sk", n("1"), "v", s("new"));

  private static Record record(String event, boolean withImage, Identity who) {
    StreamRecord.Builder d = StreamRecord.builder().keys(KEY).sequenceNumber("000100");
    if (withImage) {
      d.newImage(IMAGE);
    }
    return Record.builder().eventName(event).dynamodb(d.build()).userIdentity(who).build();
  }

  @Test
  void insertsAndModifiesCarryTheKeyTheNewImageAndTheSequenceNumber() {
    for (OperationType op : new OperationType[] {OperationType.INSERT, OperationType.MODIFY}) {
      ChangeEvent e = StreamRecordConverter.toEvent(record(op.toString(), true, null), KEYS);

      assertThat(e.kind().name()).isEqualTo(op.toString());
      assertThat(e.key().values()).isEqualTo(KEY);
      assertThat(e.newImage()).isEqualTo(IMAGE);
      assertThat(e.sequenceNumber()).isEqualTo("000100");
      assertThat(e.ttlExpiry()).isFalse();
    }
  }

  @Test
  void aRemoveByTheTtlServiceIsMarkedAsExpiryAndAUsersRemoveIsNot() {
    Identity ttl = Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build();
    Identity user = Identity.builder().type("Service").principalId("lambda.amazonaws.com").build();

    ChangeEvent expired = StreamRecordConverter.toEvent(record("REMOVE", false, ttl), KEYS);
    ChangeEvent deleted = StreamRecordConverter.toEvent(record("REMOVE", false, user), KEYS);
    ChangeEvent plain = StreamRecordConverter.toEvent(record("REMOVE", false, null), KEYS);

    assertThat(expired.kind()).isEqualTo(ChangeEvent.Kind.REMOVE);
    assertThat(expired.newImage()).isNull();
    assertThat(expired.ttlExpiry()).isTrue();
    assertThat(deleted.ttlExpiry()).isFalse();
    assertThat(plain.ttlExpiry()).isFalse();
  }

  @Test
  void aChangeWithoutTheNewImageIsRefusedNamingTheStreamViewType() {
    assertThatThrownBy(() -> StreamRecordConverter.toEvent(record("MODIFY", false, null), KEYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NEW_AND_OLD_IMAGES");
  }

  @Test
  void anUnknownEventIsRefusedNamingTheRecord() {
    assertThatThrownBy(() -> StreamRecordConverter.toEvent(record("TRUNCATE", true, null), KEYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("000100")
        .hasMessageContaining("TRUNCATE");
  }
}
