package io.nimo.core.source.stream;

import static io.nimo.core.testkit.TestItems.n;
import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.ShardRecord;
import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ChangeEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StreamRecordConverterTest {
  private static final KeySchema KEYS = new KeySchema("pk", "sk");
  private static final Map<String, AttributeValue> KEY = Map.of("pk", s("a"), "sk", n("1"));
  private static final Map<String, AttributeValue> IMAGE =
      Map.of("pk", s("a"), "sk", n("1"), "v", s("new"));

  private static ShardRecord record(ShardRecord.Op op, boolean withImage, boolean byTtl) {
    return new ShardRecord("000100", null, op, KEY, withImage ? IMAGE : null, byTtl);
  }

  @Test
  void insertsAndModifiesCarryTheKeyTheNewImageAndTheSequenceNumber() {
    for (ShardRecord.Op op : new ShardRecord.Op[] {ShardRecord.Op.INSERT, ShardRecord.Op.MODIFY}) {
      ChangeEvent e = StreamRecordConverter.toEvent(record(op, true, false), KEYS);

      assertThat(e.kind().name()).isEqualTo(op.name());
      assertThat(e.key().values()).isEqualTo(KEY);
      assertThat(e.newImage()).isEqualTo(IMAGE);
      assertThat(e.sequenceNumber()).isEqualTo("000100");
      assertThat(e.ttlExpiry()).isFalse();
    }
  }

  @Test
  void aRemoveByTheTtlServiceIsAnExpiryAndAUsersRemoveIsNot() {
    ChangeEvent expired =
        StreamRecordConverter.toEvent(record(ShardRecord.Op.REMOVE, false, true), KEYS);
    ChangeEvent deleted =
        StreamRecordConverter.toEvent(record(ShardRecord.Op.REMOVE, false, false), KEYS);

    assertThat(expired.kind()).isEqualTo(ChangeEvent.Kind.REMOVE);
    assertThat(expired.newImage()).isNull();
    assertThat(expired.ttlExpiry()).isTrue();
    assertThat(deleted.ttlExpiry()).isFalse();
  }

  @Test
  void aChangeWithoutTheNewImageIsRefusedNamingTheStreamViewType() {
    assertThatThrownBy(
            () -> StreamRecordConverter.toEvent(record(ShardRecord.Op.MODIFY, false, false), KEYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NEW_AND_OLD_IMAGES");
  }
}
