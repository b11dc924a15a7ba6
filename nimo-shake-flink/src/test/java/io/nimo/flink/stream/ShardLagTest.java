package io.nimo.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.ManualClock;
import io.nimo.flink.metrics.RecordingMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One lag gauge per table, not per shard; a back-pressured shard's lag grows; closed shards go. */
class ShardLagTest {
  private final ManualClock clock = new ManualClock();
  private final Map<String, Object> gauges = new LinkedHashMap<>();
  private final ShardLag lag =
      new ShardLag(new RecordingMetrics(gauges, ""), Duration.ofHours(1), clock);

  private static ShardSplit shard(String table, String id) {
    return new ShardSplit(table, "arn:" + table, id, null, null, false, false, 0);
  }

  @Test
  void oneGaugePerTableShowsItsWorstShardAndClosedShardsLeaveNoGauge() {
    for (int i = 0; i < 50; i++) {
      ShardSplit s = shard("orders", "shard-" + i);
      lag.track(s);
      lag.read(s, clock.millis() - 1000L * i, 10);
      if (i < 49) {
        lag.finished(s);
      }
    }
    lag.track(shard("users", "u1"));
    assertThat(gauges.keySet())
        .containsExactlyInAnyOrder(
            "table.orders.nimoMillisBehindLatest", "table.users.nimoMillisBehindLatest");
    assertThat(RecordingMetrics.value(gauges, "table.orders.nimoMillisBehindLatest"))
        .isEqualTo(49_000L);
    assertThat(lag.perTable()).containsEntry("orders", 49_000L).containsEntry("users", 0L);
  }

  @Test
  void aShardWithRecordsWaitingFallsFurtherBehindWhileNotReadAndIsZeroOnceCaughtUp() {
    ShardSplit s = shard("orders", "s1");
    lag.track(s);
    lag.read(s, clock.millis() - 5_000, 100);
    clock.advance(Duration.ofMinutes(10)); // back-pressure: nothing read meanwhile
    assertThat(lag.behind("orders")).isEqualTo(Duration.ofMinutes(10).plusSeconds(5).toMillis());
    lag.caughtUp(s);
    assertThat(lag.behind("orders")).isZero();
  }
}
