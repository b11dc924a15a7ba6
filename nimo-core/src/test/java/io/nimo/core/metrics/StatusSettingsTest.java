package io.nimo.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusSettingsTest {

  private static StatusSettings of(Map<String, String> overrides) {
    Map<String, String> raw =
        TestConfigs.shakeRaw("http://127.0.0.1:1", "http://127.0.0.1:2", Path.of("cp"));
    raw.putAll(overrides);
    return StatusSettings.from(TestConfigs.shake(raw));
  }

  @Test
  void endpointsBindToLoopbackUnlessConfigured() {
    assertThat(of(Map.of()).bind()).isEqualTo("127.0.0.1");
    assertThat(of(Map.of("http.bind_address", "0.0.0.0")).bind()).isEqualTo("0.0.0.0");
  }

  @Test
  void theIncrementalEndpointIsServedOnlyWhenTheJobFollowsStreams() {
    Map<String, String> ports =
        Map.of(
            "full_sync.http_port", "9101", "incr_sync.http_port", "9102", "system_profile", "9103");
    Map<String, String> full = new java.util.HashMap<>(ports);
    full.put("sync_mode", "full");
    Map<String, String> all = new java.util.HashMap<>(ports);
    all.put("sync_mode", "all");

    assertThat(of(full)).isEqualTo(new StatusSettings("127.0.0.1", 9101, -1, 9103));
    assertThat(of(all)).isEqualTo(new StatusSettings("127.0.0.1", 9101, 9102, 9103));
  }
}
