package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.IteratorExpiredException;
import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestRetriers;
import java.time.Duration;
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
    return new TableStream("orders", "arn:stream", stream, TestRetriers.manual(time))
        .cursor("s1", after, inclusive);
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
      all.addAll(p.events(KEYS));
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
    assertThat(p.events(KEYS)).isEmpty();
    assertThat(p.closed()).isFalse();
    write(2);
    assertThat(c.next(10).events(KEYS)).hasSize(2);
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
    List<ChangeEvent> first = c.next(2).events(KEYS);
    stream.expireIterators(1);
    List<ChangeEvent> next = c.next(2).events(KEYS);
    assertThat(next).hasSize(2);
    assertThat(next.get(0).sequenceNumber()).isGreaterThan(first.get(1).sequenceNumber());
    assertThat(stream.iteratorRequests).last().isEqualTo("s1@" + first.get(1).sequenceNumber());
  }

  @Test
  void aTrimmedPositionIsALostPositionNamingTableAndShard() {
    write(3);
    ShardCursor c = cursor(null, false);
    String after = c.next(2).events(KEYS).get(1).sequenceNumber();
    stream.trimBefore("s1");
    stream.expireIterators(1);
    assertThatThrownBy(() -> c.next(2))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("table orders shard s1")
        .hasMessageContaining(after);
  }

  @Test
  void idleBackOffDoublesOverEmptyPagesUpToTheCapAndResetsOnRecords() {
    ShardCursor c = cursor(null, false);
    Duration cap = Duration.ofMillis(300);
    assertThat(c.idleMillis(cap)).as("before any read").isZero();
    List<Long> pauses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      c.next(10);
      pauses.add(c.idleMillis(cap));
    }
    assertThat(pauses).containsExactly(50L, 100L, 200L, 300L, 300L);
    write(1);
    c.next(10);
    assertThat(c.idleMillis(cap)).as("after a page with records").isZero();
  }

  @Test
  void aCursorReadToItsEndRefusesAnotherRead() {
    stream.close("s1");
    ShardCursor c = cursor(null, false);
    assertThat(c.next(10).closed()).isTrue();
    assertThat(c.closed()).isTrue();
    assertThatThrownBy(() -> c.next(10)).hasMessageContaining("shard s1 was read to its end");
  }

  @Test
  void aTrimmedStartIsLostAtTheShardsStartOrAtTheProbedRecord() {
    stream.trim("s1");
    assertThatThrownBy(() -> cursor(null, false).next(1))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("the position at the shard's start");
    assertThatThrownBy(() -> cursor("000000000000000000777", true).next(1))
        .hasMessageContaining("the position at sequence number 000000000000000000777")
        .hasMessageContaining("incr.on_trimmed = resync");
  }

  @Test
  void anIteratorThatExpiresAgainAfterReopeningIsReopenedAgainButNotForever() {
    write(4);
    ShardCursor c = cursor(null, false);
    stream.expireIterators(3);
    assertThat(c.next(2).records()).hasSize(2);
    stream.expireIterators(10);
    assertThatThrownBy(() -> c.next(2)).isInstanceOf(IteratorExpiredException.class);
  }
}
