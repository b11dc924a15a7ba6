package io.nimo.core.check;

import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.StreamView;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a {@code mode = changed} check compares: the keys the stream recorded after the epoch, or a
 * clear refusal when the stream can no longer tell.
 */
class ChangedKeyReaderTest {
  private static final KeySchema KEYS = new KeySchema("id", null);
  private static final TableSchema SCHEMA =
      TableSchema.of("orders", KEYS, Map.of("id", KeyAttributeType.S));

  private final ScriptedStreamsApi stream = new ScriptedStreamsApi().shard("s1", null);
  private String currentArn = "arn:orders/stream/1";
  private final Instant epochTime = Instant.now().plusSeconds(3600);

  private final UnsupportedDynamoClient source =
      new UnsupportedDynamoClient() {
        @Override
        public TableInfo describeTable(String table) {
          return new TableInfo(
              SCHEMA,
              TableInfo.Status.ACTIVE,
              true,
              StreamView.NEW_AND_OLD_IMAGES,
              currentArn,
              0,
              0);
        }
      };

  private void write(String shard, String... ids) {
    for (String id : ids) {
      stream.put(shard, Map.of("id", s(id)), "id");
    }
  }

  /** The epoch a check records now, as the real recorder does. */
  private CheckEpoch epoch() {
    return new EpochRecorder(source, stream, TestRetriers.manual(new ManualClock()), at(epochTime))
        .record("orders")
        .orElseThrow();
  }

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  private ChangedKeyReader reader(Instant now) {
    return new ChangedKeyReader(source, stream, TestRetriers.manual(new ManualClock()), at(now));
  }

  private static ItemKey key(String id) {
    return new ItemKey(Map.of("id", s(id)));
  }

  @Test
  void onlyKeysWrittenAfterTheEpochAreReadOnceEachIncludingNewChildShards() {
    write("s1", "before-1", "before-2");
    CheckEpoch epoch = epoch();
    write("s1", "a", "b", "a");
    stream.close("s1").shard("s2", "s1");
    write("s2", "c", "b");

    var changed = reader(epochTime.plusSeconds(60)).changedSince(epoch, KEYS);

    assertThat(changed).containsExactly(key("a"), key("b"), key("c"));
    assertThat(reader(epochTime.plusSeconds(60)).changedAtAll(epoch)).isTrue();
  }

  @Test
  void nothingWrittenSinceTheEpochMeansNothingToCompare() {
    write("s1", "before");
    CheckEpoch epoch = epoch();

    assertThat(reader(epochTime.plusSeconds(60)).changedSince(epoch, KEYS)).isEmpty();
    assertThat(reader(epochTime.plusSeconds(60)).changedAtAll(epoch)).isFalse();
  }

  @Test
  void aShardClosedAtTheEpochIsNotReadAgain() {
    write("s1", "old");
    stream.close("s1").shard("s2", "s1");
    CheckEpoch epoch = epoch();
    write("s2", "new");
    stream.reads.clear();

    assertThat(reader(epochTime).changedSince(epoch, KEYS)).containsExactly(key("new"));
    assertThat(stream.reads).allSatisfy(r -> assertThat(r).startsWith("s2:"));
  }

  @Test
  void anEpochOlderThanTheStreamsRetentionIsRefused() {
    CheckEpoch epoch = epoch();

    assertThatThrownBy(() -> reader(epochTime.plus(Duration.ofHours(24))).changedSince(epoch, KEYS))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("older than the stream's 24 h retention")
        .hasMessageContaining("run a full check");
  }

  @Test
  void aReplacedStreamIsRefusedNamingBothStreams() {
    CheckEpoch epoch = epoch();
    currentArn = "arn:orders/stream/2";

    assertThatThrownBy(() -> reader(epochTime).changedSince(epoch, KEYS))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("arn:orders/stream/1")
        .hasMessageContaining("arn:orders/stream/2");
  }

  @Test
  void anOpenShardOfTheEpochThatLeftTheStreamIsRefused() {
    CheckEpoch epoch = epoch();
    stream.drop("s1").shard("s9", null);

    assertThatThrownBy(() -> reader(epochTime).changedSince(epoch, KEYS))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("shard s1")
        .hasMessageContaining("trimmed");
  }

  @Test
  void aTrimmedPositionIsRefusedNamingTheShard() {
    write("s1", "x");
    CheckEpoch epoch = epoch();
    write("s1", "y");
    stream.trimBefore("s1");

    assertThatThrownBy(() -> reader(epochTime).changedSince(epoch, KEYS))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("shard s1")
        .hasCauseInstanceOf(io.nimo.core.source.stream.StreamPositionLostException.class);
  }
}
