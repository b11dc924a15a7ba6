package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestRetriers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A shard pulled page by page against a scripted stream (a fake at nimo's StreamsApi seam). */
class ShardCursorTest {
  private static final KeySchema KEYS = new KeySchema("id", null);
  private final ManualClock time = new ManualClock();
  private final ScriptedStreamsApi stream = new ScriptedStreamsApi().shard("s1", null);

  private ShardCursor cursor(String after, boolean inclusive) {
    return new ShardCursor(
        "orders", "arn:stream", "s1", KEYS, stream, TestRetriers.manual(time), after, inclusive);
  }

  private void write(int n) {
    for (int i = 0; i < n; i++) {
      if (i % 3 == 2) {
        stream.remove("s1", Map.of("id", AttributeValue.fromS("k" + i)));
      } else {
        stream.put("s1", Map.of("id", AttributeValue.fromS("k" + i)), "id");
      }
    }
  }

  private static List<ChangeEvent> drain(ShardCursor c) {
    List<ChangeEvent> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ShardCursor.Page p = c.next(100);
      all.addAll(p.events());
      if (p.closed()) {
        return all;
      }
    }
    throw new AssertionError("the closed shard never ended");
  }

  @Test
  void readsAClosedShardInOrderAndSaysWhenItIsDone() {
    write(7);
    stream.close("s1");
    ShardCursor c = cursor(null, false);
    List<ChangeEvent> read = drain(c);
    assertThat(read).extracting(e -> e.key().toString()).hasSize(7);
    assertThat(read.get(2).kind()).isEqualTo(ChangeEvent.Kind.REMOVE);
    assertThat(c.sequenceNumber()).isEqualTo(read.get(6).sequenceNumber());
  }

  @Test
  void anOpenShardAnswersEmptyPagesWithoutEnding() {
    ShardCursor c = cursor(null, false);
    ShardCursor.Page p = c.next(10);
    assertThat(p.events()).isEmpty();
    assertThat(p.closed()).isFalse();
    write(2);
    assertThat(c.next(10).events()).hasSize(2);
  }

  @Test
  void startsAtAnInclusivePositionAndAfterAnExclusiveOne() {
    write(4);
    stream.close("s1");
    List<ChangeEvent> all = drain(cursor(null, false));
    String second = all.get(1).sequenceNumber();
    assertThat(drain(cursor(second, true))).hasSize(3);
    assertThat(drain(cursor(second, false))).hasSize(2);
  }

  @Test
  void reopensAnExpiredIteratorAfterTheLastRecordRead() {
    write(4);
    ShardCursor c = cursor(null, false);
    List<ChangeEvent> first = c.next(2).events();
    stream.expireIterators(1);
    List<ChangeEvent> next = c.next(2).events();
    assertThat(next).hasSize(2);
    assertThat(next.get(0).sequenceNumber()).isGreaterThan(first.get(1).sequenceNumber());
    assertThat(stream.iteratorRequests).last().isEqualTo("s1@" + first.get(1).sequenceNumber());
  }

  @Test
  void aTrimmedPositionIsALostPositionNamingTableAndShard() {
    write(3);
    ShardCursor c = cursor(null, false);
    String after = c.next(2).events().get(1).sequenceNumber();
    stream.trimBefore("s1");
    stream.expireIterators(1);
    assertThatThrownBy(() -> c.next(2))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("table orders shard s1")
        .hasMessageContaining(after);
  }
}
