package io.nimo.flink;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job's guarantees rest on, set on its environment whatever the cluster's defaults are,
 * and defaults that fit a long copy where the cluster has none.
 *
 * <ul>
 *   <li>Always: exactly-once barriers, aligned. The {@code ChangeGate} counts every Scan reader's
 *       end-of-Scan marker before the checkpoint that follows it; an unaligned checkpoint could
 *       hold a marker in flight, and a restore would count it twice or never.
 *   <li>Unless the cluster sets it: the interval ({@code checkpoint.interval} when the conf sets
 *       it, else {@link #DEFAULT_INTERVAL}); a timeout longer than a sink retrying one write for
 *       {@code retry.budget} (twice the budget, at least 10 minutes); {@link #TOLERATED_FAILURES}
 *       failed checkpoints before a restart; the RocksDB state backend with incremental
 *       checkpoints, since the gate keeps a flag for every key changed during the Scan.
 * </ul>
 */
final class JobCheckpointing {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final int TOLERATED_FAILURES = 5;
  private static final Logger LOG = LoggerFactory.getLogger(JobCheckpointing.class);

  private JobCheckpointing() {}

  /**
   * What the conf says about checkpoints.
   *
   * @param interval {@code checkpoint.interval} when the conf sets it
   * @param retryBudget {@code retry.budget}
   */
  record Asked(Optional<Duration> interval, Duration retryBudget) {
    static Asked from(Configuration c) {
      return new Asked(
          c.isSet(ShakeOptions.CHECKPOINT_INTERVAL)
              ? Optional.of(c.get(ShakeOptions.CHECKPOINT_INTERVAL))
              : Optional.empty(),
          c.get(ShakeOptions.RETRY_BUDGET));
    }
  }

  static void applyTo(StreamExecutionEnvironment env, Configuration conf) {
    Asked asked = Asked.from(conf);
    ReadableConfig cluster = env.getConfiguration();
    CheckpointConfig checkpoints = env.getCheckpointConfig();
    if (!checkpoints.isCheckpointingEnabled()) {
      Duration interval = asked.interval().orElse(DEFAULT_INTERVAL);
      env.enableCheckpointing(Math.max(100, interval.toMillis()));
    }
    if (checkpoints.getCheckpointingConsistencyMode() != CheckpointingMode.EXACTLY_ONCE) {
      LOG.warn("execution.checkpointing.mode set to EXACTLY_ONCE: the change gate needs it");
      checkpoints.setCheckpointingConsistencyMode(CheckpointingMode.EXACTLY_ONCE);
    }
    if (checkpoints.isUnalignedCheckpointsEnabled()) {
      LOG.warn(
          "execution.checkpointing.unaligned turned off for this job: the change gate needs aligned"
              + " checkpoints");
    }
    checkpoints.enableUnalignedCheckpoints(false);
    checkpoints.setForceUnalignedCheckpoints(false);
    if (cluster.getOptional(CheckpointingOptions.CHECKPOINTING_TIMEOUT).isEmpty()) {
      Duration budget = asked.retryBudget().multipliedBy(2);
      checkpoints.setCheckpointTimeout(
          Math.max(Duration.ofMinutes(10).toMillis(), budget.toMillis()));
    }
    if (cluster.getOptional(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER).isEmpty()) {
      checkpoints.setTolerableCheckpointFailureNumber(TOLERATED_FAILURES);
    }
    if (cluster.getOptional(StateBackendOptions.STATE_BACKEND).isEmpty()) {
      org.apache.flink.configuration.Configuration rocks =
          new org.apache.flink.configuration.Configuration();
      rocks.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
      if (cluster.getOptional(CheckpointingOptions.INCREMENTAL_CHECKPOINTS).isEmpty()) {
        rocks.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
      }
      env.configure(rocks);
    }
  }
}
