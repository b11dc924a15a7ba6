package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.checkpoint.ShardCheckpoint.Status;
import io.nimo.core.item.KeySchema;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestRetriers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One shard read against a scripted stream (a fake at nimo's StreamsApi seam) into a recording
 * sink: order, positions that only cover applied pages, expired iterators, trimmed positions.
 */
class ShardReaderTest {
  private static final KeySchema KEYS = new KeySchema("id", null);
  private final ExecutorService fetches = Executors.newCachedThreadPool();
  private final ManualClock time = new ManualClock();
  private final ScriptedStreamsApi stream = new ScriptedStreamsApi().shard("s1", null);
  private final RecordingSink sink = new RecordingSink();
  private final List<ShardCheckpoint> checkpoints = new ArrayList<>();

  /**
   * Applies nothing, remembers everything, and checks each position covers only applied records.
   */
  final class RecordingSink implements ChangeSink {
    final List<ChangeEvent> applied = new ArrayList<>();

    @Override
    public ShardCheckpoint open(ShardCheckpoint start, Consumer<ShardCheckpoint> checkpoint) {
      return start;
    }

    @Override
    public long accept(String shardId, List<ChangeEvent> events, long newestCreatedMillis) {
      applied.addAll(events);
      return events.size();
    }

    @Override
    public Status readingStatus() {
      return Status.READING;
    }

    @Override
    public Status closedStatus() {
      return Status.DONE;
    }

    @Override
    public boolean settled(Status status) {
      return status.finished();
    }
  }

  @AfterEach
  void stop() {
    fetches.shutdownNow();
  }

  private ShardReader reader() {
    return new ShardReader(
        new TableStream("orders", "arn:stream", stream, TestRetriers.manual(time)),
        KEYS,
        sink,
        new ShardReader.Settings(1000, 100, Duration.ofMillis(20)),
        new StreamProgress("orders"),
        Clock.systemUTC(),
        fetches);
  }

  private void consume(ShardCheckpoint c) {
    if (c.sequenceNumber() != null && !sink.applied.isEmpty()) {
      String lastApplied = sink.applied.get(sink.applied.size() - 1).sequenceNumber();
      assertThat(c.covers(lastApplied) || c.sequenceNumber().equals(lastApplied))
          .as("position %s runs ahead of the applied records", c.sequenceNumber())
          .isTrue();
      assertThat(new java.math.BigInteger(c.sequenceNumber()))
          .isLessThanOrEqualTo(new java.math.BigInteger(lastApplied));
    }
    checkpoints.add(c);
  }

  private static Map<String, AttributeValue> item(int i) {
    return Map.of("id", AttributeValue.fromS("k" + i), "v", AttributeValue.fromN("" + i));
  }

  private void write(int n) {
    for (int i = 0; i < n; i++) {
      if (i % 4 == 3) {
        stream.remove("s1", Map.of("id", AttributeValue.fromS("k" + i)));
      } else {
        stream.put("s1", item(i), "id");
      }
    }
  }

  private List<String> appliedSequences() {
    return sink.applied.stream().map(ChangeEvent::sequenceNumber).toList();
  }

  @Test
  void readsAClosedShardInOrderAndEndsDoneAtItsLastRecord() throws Exception {
    write(7);
    stream.close("s1");
    reader()
        .read(new ShardCheckpoint("s1", null, null, Status.PENDING), this::consume, () -> false);
    assertThat(sink.applied).hasSize(7);
    assertThat(appliedSequences()).isSorted();
    assertThat(sink.applied.get(3).kind()).isEqualTo(ChangeEvent.Kind.REMOVE);
    ShardCheckpoint last = checkpoints.get(checkpoints.size() - 1);
    assertThat(last.status()).isEqualTo(Status.DONE);
    assertThat(last.sequenceNumber()).isEqualTo(appliedSequences().get(6));
  }

  @Test
  void resumesAfterTheCheckpointedPositionWithoutRepeatingOrSkipping() throws Exception {
    write(6);
    stream.close("s1");
    reader()
        .read(new ShardCheckpoint("s1", null, null, Status.PENDING), this::consume, () -> false);
    List<String> all = appliedSequences();
    sink.applied.clear();
    reader()
        .read(
            new ShardCheckpoint("s1", null, all.get(2), Status.READING),
            this::consume,
            () -> false);
    assertThat(appliedSequences()).containsExactlyElementsOf(all.subList(3, 6));
  }

  @Test
  void anExpiredIteratorIsReopenedAfterTheLastAppliedRecord() throws Exception {
    write(6);
    stream.close("s1");
    stream.expireIterators(1);
    reader()
        .read(new ShardCheckpoint("s1", null, null, Status.PENDING), this::consume, () -> false);
    assertThat(sink.applied).hasSize(6);
    assertThat(appliedSequences()).doesNotHaveDuplicates().isSorted();
    assertThat(stream.iteratorRequests).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aTrimmedPositionStopsTheShardNamingTableAndShard() {
    write(4);
    stream.trimBefore("s1");
    String old = "000000000000000000102";
    assertThatThrownBy(
            () ->
                reader()
                    .read(
                        new ShardCheckpoint("s1", null, old, Status.READING),
                        this::consume,
                        () -> false))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("orders")
        .hasMessageContaining("s1")
        .hasMessageContaining(old);
    assertThat(sink.applied).isEmpty();
  }

  @Test
  void aStopLeavesAnOpenShardReadingAtItsAppliedPosition() throws Exception {
    write(3);
    int[] polls = {0};
    reader()
        .read(
            new ShardCheckpoint("s1", null, null, Status.PENDING),
            this::consume,
            () -> sink.applied.size() == 3 && ++polls[0] > 2);
    ShardCheckpoint last = checkpoints.get(checkpoints.size() - 1);
    assertThat(last.status()).isEqualTo(Status.READING);
    assertThat(last.sequenceNumber()).isEqualTo(appliedSequences().get(2));
  }
}
