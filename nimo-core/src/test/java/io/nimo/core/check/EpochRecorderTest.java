package io.nimo.core.check;

import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.dynamo.StreamView;
import io.nimo.core.dynamo.TableInfo;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.ScriptedStreamsApi;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The epoch a check records: every shard's current end, so a later {@code mode = changed} check
 * reads exactly what changed after it.
 */
class EpochRecorderTest {
  private static final TableSchema SCHEMA =
      TableSchema.of("orders", new KeySchema("id", null), Map.of("id", KeyAttributeType.S));

  private final ScriptedStreamsApi stream = new ScriptedStreamsApi();

  private static UnsupportedDynamoClient source(boolean withStream) {
    return new UnsupportedDynamoClient() {
      @Override
      public TableInfo describeTable(String table) {
        return new TableInfo(
            SCHEMA,
            TableInfo.Status.ACTIVE,
            true,
            withStream ? StreamView.NEW_AND_OLD_IMAGES : null,
            withStream ? "arn:orders/stream" : null,
            0,
            0);
      }
    };
  }

  private Optional<CheckEpoch> record(boolean withStream, Instant now) {
    return new EpochRecorder(
            source(withStream),
            stream,
            TestRetriers.manual(new ManualClock()),
            Clock.fixed(now, ZoneOffset.UTC))
        .record("orders");
  }

  private void write(String shard, int n) {
    for (int i = 0; i < n; i++) {
      stream.put(shard, Map.of("id", s(shard + "-" + i)), "id");
    }
  }

  @Test
  void everyShardIsRecordedAtItsCurrentEndWithItsLineage() {
    stream.shard("parent", null).shard("child", "parent").shard("empty", "parent");
    write("parent", 3);
    stream.close("parent");
    write("child", 5);
    Instant later = Instant.now().plusSeconds(3600);

    CheckEpoch epoch = record(true, later).orElseThrow();

    assertThat(epoch.table()).isEqualTo("orders");
    assertThat(epoch.streamArn()).isEqualTo("arn:orders/stream");
    assertThat(epoch.startedAt()).isEqualTo(later);
    Map<String, CheckEpoch.ShardPosition> byShard = new java.util.HashMap<>();
    epoch.shards().forEach(p -> byShard.put(p.shardId(), p));
    assertThat(byShard.get("parent").closed()).isTrue();
    assertThat(byShard.get("parent").lastSequenceNumber()).isEqualTo("999999");
    assertThat(byShard.get("child").closed()).isFalse();
    assertThat(byShard.get("child").parentShardId()).isEqualTo("parent");
    assertThat(byShard.get("child").lastSequenceNumber())
        .isEqualTo(stream.reads.get(stream.reads.size() - 1).substring("child:".length()));
    assertThat(byShard.get("empty").lastSequenceNumber()).isNull();
  }

  @Test
  void anOpenShardIsReadOnlyUntilRecordsWrittenAfterTheCheckStarted() {
    stream.shard("s1", null);
    write("s1", 6);
    Instant before = Instant.now().minusSeconds(3600);

    CheckEpoch epoch = record(true, before).orElseThrow();

    // the first page (two records) already holds records newer than the start: no need to read on
    assertThat(stream.reads).hasSize(2);
    assertThat(epoch.shards().get(0).lastSequenceNumber())
        .isEqualTo(stream.reads.get(1).substring("s1:".length()));
  }

  @Test
  void aTableWithoutAStreamHasNoEpoch() {
    assertThat(record(false, Instant.now())).isEmpty();
    assertThat(stream.reads).isEmpty();
  }
}
