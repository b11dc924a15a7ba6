package io.nimo.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.ShardCheckpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restored stream job told about one more table follows it; known tables keep their place. */
class StreamPlanTest {

  @Test
  void aTableTheRestoredStateLacksIsAddedAtItsRecordedStartAndKnownTablesKeepTheirPositions() {
    StreamPlan plan =
        new StreamPlan(
            Map.of("orders", "arn:orders", "users", "arn:users"),
            List.of(
                new StreamPlan.Position("orders", "o1", null, false, "100", false),
                new StreamPlan.Position("users", "u1", null, false, "7", true)),
            5_000);
    TrackedShard restoredOrders =
        new TrackedShard(
            "orders",
            new ShardCheckpoint("o1", null, "900", ShardCheckpoint.Status.PENDING, false),
            2);
    ShardEnumeratorState restored =
        new ShardEnumeratorState(
            Map.of("orders", "arn:orders"), Map.of("orders", 9_000L), List.of(restoredOrders));

    ShardEnumeratorState merged = plan.addNewTablesTo(restored);

    assertThat(merged.streams()).containsOnlyKeys("orders", "users");
    assertThat(merged.confirmedAt()).containsEntry("orders", 9_000L).containsEntry("users", 5_000L);
    assertThat(merged.shards()).contains(restoredOrders).hasSize(2);
    TrackedShard users =
        merged.shards().stream().filter(s -> s.table().equals("users")).findFirst().orElseThrow();
    assertThat(users.position().sequenceNumber()).isEqualTo("7");
    assertThat(users.position().inclusive()).isTrue();
    assertThat(plan.addNewTablesTo(merged)).isEqualTo(merged);
  }
}
