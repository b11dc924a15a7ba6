package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nimo.core.metrics.FullSyncStatus;
import io.nimo.core.metrics.IncrSyncStatus;
import io.nimo.core.metrics.JobProgress;
import io.nimo.core.metrics.StreamProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard queries only metrics nimo-shake's {@code /metrics} endpoints export
 * (the same status classes the status ports serve), and every exported family is on it.
 */
class GrafanaDashboardTest {
  static final Path DASHBOARD = Path.of("src/main/layout/grafana/nimo-shake-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\bnimo_[a-z_]+");

  private static List<String> expressions(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> out.add(e.asText()));
    dashboard.findValues("definition").forEach(e -> out.add(e.asText()));
    return out;
  }

  private static Set<String> metricsIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static Set<String> exported() {
    JobProgress full = new JobProgress();
    full.register("orders");
    StreamProgress incr = new StreamProgress("orders");
    Set<String> names = new TreeSet<>();
    for (String line :
        (new FullSyncStatus(full).prometheus()
                + new IncrSyncStatus(Map.of("orders", incr)).prometheus())
            .split("\n")) {
      if (line.startsWith("# TYPE ")) {
        names.add(line.split(" ")[2]);
      }
    }
    return names;
  }

  @Test
  void everyMetricTheDashboardQueriesIsExportedAndEveryExportedOneIsShown() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> queried = new TreeSet<>();
    expressions(dashboard).forEach(e -> queried.addAll(metricsIn(e)));
    Set<String> exported = exported();
    assertThat(exported).as("the status ports export metrics").hasSizeGreaterThan(8);
    assertThat(queried).as("queried by the dashboard").isSubsetOf(exported);
    assertThat(exported).as("exported but not on the dashboard").isSubsetOf(queried);
  }

  @Test
  void everyPanelQueriesThroughTheDatasourceVariableAndHasATitle() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertThat(dashboard.get("uid").asText()).isEqualTo("nimo-shake");
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.get("title").asText()).isNotBlank();
      if (!panel.get("type").asText().equals("row")) {
        assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
        assertThat(panel.get("targets")).isNotEmpty();
      }
    }
  }
}
