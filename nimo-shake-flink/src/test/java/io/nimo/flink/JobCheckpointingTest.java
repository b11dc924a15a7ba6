package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * What the job's guarantees rest on is set whatever the cluster says; defaults fit a long copy
 * where the cluster says nothing.
 */
class JobCheckpointingTest {

  private static io.nimo.core.config.Configuration conf(Map<String, String> more) {
    Map<String, String> raw =
        TestConfigs.shakeRaw("http://localhost:1", "http://localhost:2", Path.of("cp"));
    raw.remove("checkpoint.interval");
    raw.putAll(more);
    return TestConfigs.shake(raw);
  }

  @Test
  void unalignedOrAtLeastOnceClusterDefaultsAreOverriddenForThisJob() {
    Configuration cluster = new Configuration();
    cluster.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
    cluster.set(CheckpointingOptions.FORCE_UNALIGNED, true);
    cluster.set(
        CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.AT_LEAST_ONCE);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

    JobCheckpointing.applyTo(env, conf(Map.of()));

    CheckpointConfig c = env.getCheckpointConfig();
    assertThat(c.isUnalignedCheckpointsEnabled()).isFalse();
    assertThat(c.isForceUnalignedCheckpoints()).isFalse();
    assertThat(c.getCheckpointingConsistencyMode()).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
  }

  @Test
  void withoutClusterSettingsAClusterIntervalATimeoutAboveTheRetryBudgetAndRocksDb() {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());

    JobCheckpointing.applyTo(env, conf(Map.of("retry.budget", "20m")));

    CheckpointConfig c = env.getCheckpointConfig();
    assertThat(c.getCheckpointInterval()).isEqualTo(JobCheckpointing.DEFAULT_INTERVAL.toMillis());
    assertThat(c.getCheckpointTimeout()).isEqualTo(Duration.ofMinutes(40).toMillis());
    assertThat(c.getTolerableCheckpointFailureNumber())
        .isEqualTo(JobCheckpointing.TOLERATED_FAILURES);
    assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
  }

  @Test
  void theClustersOwnIntervalTimeoutToleranceAndBackendAreKept() {
    Configuration cluster = new Configuration();
    cluster.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMinutes(3));
    cluster.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(7));
    cluster.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 1);
    cluster.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

    JobCheckpointing.applyTo(env, conf(Map.of("checkpoint.interval", "1s")));

    CheckpointConfig c = env.getCheckpointConfig();
    assertThat(c.getCheckpointInterval()).isEqualTo(Duration.ofMinutes(3).toMillis());
    assertThat(c.getCheckpointTimeout()).isEqualTo(Duration.ofMinutes(7).toMillis());
    assertThat(c.getTolerableCheckpointFailureNumber()).isEqualTo(1);
    assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
  }

  @Test
  void theConfsCheckpointIntervalCountsWhenTheClusterSetsNone() {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());

    JobCheckpointing.applyTo(env, conf(Map.of("checkpoint.interval", "90s")));

    assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(90_000);
  }
}
