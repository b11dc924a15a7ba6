package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.dynamo.RecordsPage;
import io.nimo.core.dynamo.ShardInfo;
import io.nimo.core.dynamo.StreamView;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.dynamo.TableChange;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.OneTableEndpoint;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestRetriers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the incremental sync of a table starts, against a scripted stream and a fake table endpoint
 * (our own seams): oldest records, after what the stream holds now, at the first record written
 * while probing; a stream enabled where there is none, and a stream without new images refused.
 */
class StreamPositionsTest {
  private static final String ARN = "arn:table/orders/stream/1";

  private final OneTableEndpoint table = new OneTableEndpoint(ARN);
  private final ManualClock time = new ManualClock();

  private StreamPositions positions(StreamsApi streams) {
    return new StreamPositions(table, streams, TestRetriers.manual(time), Duration.ofMillis(200));
  }

  private static ScriptedStreamsApi splitStream() {
    ScriptedStreamsApi s = new ScriptedStreamsApi().shard("parent", null).shard("child", "parent");
    s.put("parent", Map.of("id", TestItems.s("a")), "id");
    s.close("parent");
    s.put("child", Map.of("id", TestItems.s("b")), "id");
    s.put("child", Map.of("id", TestItems.s("c")), "id");
    return s;
  }

  @Test
  void oldestStartsEveryShardBeforeItsFirstRetainedRecord() {
    StreamPositions.Prepared p =
        positions(splitStream()).prepare("orders", StreamPositions.Start.OLDEST);
    assertThat(p.streamArn()).isEqualTo(ARN);
    assertThat(p.shards())
        .containsExactly(
            new ShardCheckpoint("parent", null, null, ShardCheckpoint.Status.PENDING),
            new ShardCheckpoint("child", "parent", null, ShardCheckpoint.Status.PENDING));
  }

  @Test
  void nowSkipsClosedShardsAndStartsAQuietOpenShardAfterItsLastRecord() {
    ScriptedStreamsApi streams = splitStream();
    List<String> seq = RecordsOf.sequenceNumbers(streams, "child");
    StreamPositions.Prepared p = positions(streams).prepare("orders", StreamPositions.Start.NOW);
    assertThat(p.shards())
        .containsExactly(
            new ShardCheckpoint("parent", null, "999999", ShardCheckpoint.Status.SKIPPED),
            new ShardCheckpoint(
                "child", "parent", seq.get(seq.size() - 1), ShardCheckpoint.Status.PENDING));
  }

  @Test
  void nowStartsAtTheFirstRecordWrittenWhileTheShardIsProbed() {
    ScriptedStreamsApi scripted = splitStream();
    // a write lands right after the LATEST iterator was taken: the shard starts AT that record,
    // without reading the shard's history to its end
    StreamsApi streams =
        new StreamsApi() {
          @Override
          public List<ShardInfo> shards(String streamArn) {
            return scripted.shards(streamArn);
          }

          @Override
          public String iterator(String arn, String shard, String seq, boolean inclusive) {
            return scripted.iterator(arn, shard, seq, inclusive);
          }

          @Override
          public String latestIterator(String arn, String shard) {
            String it = scripted.latestIterator(arn, shard);
            scripted.put(shard, Map.of("id", TestItems.s("new")), "id");
            return it;
          }

          @Override
          public RecordsPage records(String iterator, int limit) {
            return scripted.records(iterator, limit);
          }

          @Override
          public void close() {}
        };
    List<String> history = RecordsOf.sequenceNumbers(scripted, "child");
    scripted.iteratorRequests.clear();
    StreamPositions.Prepared p = positions(streams).prepare("orders", StreamPositions.Start.NOW);
    assertThat(scripted.iteratorRequests)
        .as("no read of the shard's history")
        .doesNotContain("child@null");
    ShardCheckpoint child = p.shards().get(1);
    assertThat(child.inclusive()).as("starts AT the new record").isTrue();
    assertThat(child.status()).isEqualTo(ShardCheckpoint.Status.PENDING);
    assertThat(child.sequenceNumber()).isGreaterThan(history.get(history.size() - 1));
  }

  @Test
  void aTableWithoutAStreamGetsOneWithNewAndOldImages() {
    table.view = null;
    assertThat(positions(splitStream()).ensureStream("orders")).isEqualTo(ARN);
    assertThat(table.lastChange)
        .isEqualTo(new TableChange.EnableStream(StreamView.NEW_AND_OLD_IMAGES));
  }

  @Test
  void aStreamWithoutNewImagesIsRefusedNamingTheTableAndTheFix() {
    table.view = StreamView.KEYS_ONLY;
    assertThatThrownBy(() -> positions(splitStream()).ensureStream("orders"))
        .hasMessageContaining("table orders has a stream with view type KEYS_ONLY")
        .hasMessageContaining("enable it again with NEW_AND_OLD_IMAGES");
  }

  /** The sequence numbers a scripted shard holds, read through its own iterator. */
  static final class RecordsOf {
    static List<String> sequenceNumbers(ScriptedStreamsApi s, String shard) {
      RecordsPage page = s.records(s.iterator(ARN, shard, null, false), 1000);
      return page.records().stream().map(r -> r.sequenceNumber()).toList();
    }
  }
}
