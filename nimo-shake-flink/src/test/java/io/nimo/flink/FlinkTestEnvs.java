package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestTables;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** MiniCluster environments and seeded source tables for the Flink job's ITs. */
final class FlinkTestEnvs {
  private FlinkTestEnvs() {}

  /** A local environment; with {@code restarts}, three quick fixed-delay restarts. */
  static StreamExecutionEnvironment local(int parallelism, boolean restarts, long checkpointMs) {
    return local(parallelism, restarts, checkpointMs, new Configuration());
  }

  /**
   * As {@link #local(int, boolean, long)}, with further settings (e.g. a savepoint to start from).
   */
  static StreamExecutionEnvironment local(
      int parallelism, boolean restarts, long checkpointMs, Configuration extra) {
    Configuration c = new Configuration(extra);
    c.setString("restart-strategy.type", restarts ? "fixed-delay" : "none");
    c.setString("restart-strategy.fixed-delay.attempts", "3");
    c.setString("restart-strategy.fixed-delay.delay", "200 ms");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, c);
    env.enableCheckpointing(checkpointMs);
    return env;
  }

  /** A source table with hash key {@code id} (S) holding {@code items} seeded items. */
  static String seededTable(DynamoLocal source, String table, int items) {
    TestTables.createHashOnly(source.client(), table, "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), table, "id", items, 42);
    return table;
  }

  /**
   * Waits until the target table equals the source one while the job keeps running, failing with
   * the last differences (or at once if the job stops running).
   */
  static void awaitEqual(DynamoLocal source, DynamoLocal target, String table, JobClient job)
      throws Exception {
    List<String> diff =
        Await.settle(
            Duration.ofSeconds(90),
            Duration.ofMillis(500),
            () -> {
              assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
              return TableContents.diff(source.client(), target.client(), table);
            },
            List::isEmpty);
    assertThat(diff).as("differences between source and target").isEmpty();
  }
}
