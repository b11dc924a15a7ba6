package io.nimo.core.source.stream;

import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.ShardRecord;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestRetriers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a shard up to where it is now: the check's epochs and the stream positions use it. */
class ShardDrainTest {
  private static final String ARN = "arn:stream";
  private final ScriptedStreamsApi stream = new ScriptedStreamsApi().shard("s1", null);
  private final TableStream table =
      new TableStream("orders", ARN, stream, TestRetriers.manual(new ManualClock()));

  private ScriptedStreamsApi write(int n) {
    for (int i = 0; i < n; i++) {
      stream.put("s1", Map.of("id", s("k" + i)), "id");
    }
    return stream;
  }

  private static List<String> sequences(List<List<ShardRecord>> pages) {
    return pages.stream().flatMap(List::stream).map(ShardRecord::sequenceNumber).toList();
  }

  @Test
  void anOpenShardIsReadUntilTwoEmptyPagesInARowAndTheLastSequenceReturned() {
    write(5);
    List<List<ShardRecord>> pages = new ArrayList<>();

    String last = ShardDrain.drain(table.cursor("s1", null, false), pages::add, page -> false);

    assertThat(sequences(pages)).hasSize(5).isSorted();
    assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
    assertThat(last).isEqualTo(sequences(pages).get(4));
    assertThat(pages.get(0).get(0).keys()).containsEntry("id", s("k0"));
  }

  @Test
  void aClosedShardEndsAtItsLastRecord() {
    write(3).close("s1");
    List<List<ShardRecord>> pages = new ArrayList<>();

    String last = ShardDrain.drain(table.cursor("s1", null, false), pages::add, page -> false);

    assertThat(sequences(pages)).hasSize(3);
    assertThat(last).isEqualTo(sequences(pages).get(2));
  }

  @Test
  void readingStartsAfterTheGivenSequence() {
    write(4);
    List<List<ShardRecord>> all = new ArrayList<>();
    ShardDrain.drain(table.cursor("s1", null, false), all::add, page -> false);
    String second = sequences(all).get(1);
    List<List<ShardRecord>> pages = new ArrayList<>();

    ShardDrain.drain(table.cursor("s1", second, false), pages::add, page -> false);

    assertThat(sequences(pages)).isEqualTo(sequences(all).subList(2, 4));
    assertThat(stream.iteratorRequests).contains("s1@" + second);
  }

  @Test
  void enoughStopsAfterThePageThatSatisfiesIt() {
    write(6);
    List<List<ShardRecord>> pages = new ArrayList<>();

    String last =
        ShardDrain.drain(table.cursor("s1", null, false), pages::add, page -> pages.size() == 2);

    assertThat(pages).hasSize(2);
    assertThat(last).isEqualTo(sequences(pages).get(3));
  }

  @Test
  void anEmptyShardLeavesThePositionWhereItWas() {
    List<List<ShardRecord>> pages = new ArrayList<>();

    assertThat(ShardDrain.drain(table.cursor("s1", "000123", false), pages::add, page -> false))
        .isEqualTo("000123");
    assertThat(ShardDrain.drain(table.cursor("s1", null, false), pages::add, page -> false))
        .isNull();
    assertThat(pages).isEmpty();
  }

  @Test
  void aPositionOlderThanTheStreamsRetentionIsLostNamingTheShardAndSequence() {
    write(2).trim("s1");

    assertThatThrownBy(
            () -> ShardDrain.drain(table.cursor("s1", "000101", false), page -> {}, page -> false))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("table orders shard s1")
        .hasMessageContaining("000101")
        .hasMessageContaining("24 h");
  }
}
