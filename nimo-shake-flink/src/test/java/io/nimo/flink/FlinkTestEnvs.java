package io.nimo.flink;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TestTables;
import org.apache.flink.configuration.Configuration;
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
}
