package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.TestConfigs;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.scan.ScanPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * A secret given as {@code ${env:NAME}} travels in the job graph as that reference, never in clear
 * text: the operators resolve it where they run. The build sets {@code NIMO_TEST_SECRET} for the
 * test JVMs.
 */
class JobGraphSecretsTest {
  static final String SECRET = System.getenv("NIMO_TEST_SECRET");

  @Test
  void theJobGraphHoldsTheReferenceAndNotTheSecret() throws Exception {
    assertThat(SECRET).as("the build sets NIMO_TEST_SECRET for the test JVMs").isNotBlank();
    Map<String, String> raw =
        TestConfigs.shakeRaw("http://localhost:1", "http://localhost:2", Path.of("cp"));
    raw.put("source.secret_access_key", "${env:NIMO_TEST_SECRET}");
    raw.put("target.secret_access_key", "${env:NIMO_TEST_SECRET}");
    ShakeConf conf = new ShakeConf(raw);
    assertThat(conf.configuration().get(io.nimo.core.config.SourceOptions.SOURCE_SK))
        .as("resolved where it is used")
        .isEqualTo(SECRET);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ShakeFlinkJob.addTo(env, conf, new ScanPlan(Map.of("items", 2), true), null);

    JobGraph graph = env.getStreamGraph().getJobGraph();
    String bytes =
        new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1)
            + new String(
                InstantiationUtil.serializeObject(env.getConfig()), StandardCharsets.ISO_8859_1)
            + env.getConfiguration().toString();
    assertThat(bytes).doesNotContain(SECRET).contains("${env:NIMO_TEST_SECRET}");
  }
}
