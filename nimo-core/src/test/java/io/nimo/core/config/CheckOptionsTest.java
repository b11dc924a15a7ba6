package io.nimo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckOptionsTest {

  private static Map<String, String> raw() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("target.address", "http://127.0.0.1:8000");
    raw.put("source.endpoint_url", "http://127.0.0.1:8001");
    raw.put("source.access_key_id", "a");
    raw.put("source.secret_access_key", "s3cret");
    raw.put("filter.collection.white", "orders");
    raw.put("qps.full", "7");
    raw.put("recheck_after", "30s");
    return raw;
  }

  @Test
  void aCheckConfigurationBecomesASyncConfigurationWithTheSameSharedValues() {
    Configuration check = Configuration.of(CheckOptions.CHECK, raw());
    assertThat(check.get(CheckOptions.RECHECK_AFTER)).contains(Duration.ofSeconds(30));
    assertThat(check.get(CheckOptions.DIFF_OUTPUT)).isEqualTo("nimo-full-check-diff");
    Configuration shake = CheckOptions.asShakeConfiguration(check);
    assertThat(shake.get(TargetAccessOptions.TARGET_ADDRESS)).isEqualTo("http://127.0.0.1:8000");
    assertThat(shake.get(SourceOptions.SOURCE_SK)).isEqualTo("s3cret");
    assertThat(shake.get(SourceOptions.FILTER_WHITE)).isEqualTo("orders");
    assertThat(shake.get(SourceOptions.QPS_FULL)).isEqualTo(7);
    assertThat(shake.get(ShakeOptions.SYNC_MODE)).isEqualTo(SyncMode.ALL);
  }

  @Test
  void rejectsSyncOnlyKeysAndBrokenSharedRulesNamingTheKey() {
    Map<String, String> syncKey = raw();
    syncKey.put("sync_mode", "full");
    assertThatThrownBy(() -> Configuration.of(CheckOptions.CHECK, syncKey))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sync_mode");
    Map<String, String> both = raw();
    both.put("filter.collection.black", "users");
    assertThatThrownBy(
            () -> CheckOptions.asShakeConfiguration(Configuration.of(CheckOptions.CHECK, both)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("filter.collection.white");
    Map<String, String> negative = raw();
    negative.put("sample", "-1");
    assertThatThrownBy(() -> Configuration.of(CheckOptions.CHECK, negative))
        .hasMessageContaining("sample");
  }

  @Test
  void theRepairConfigurationHasNoCheckOnlyKeys() {
    Map<String, String> raw = raw();
    assertThatThrownBy(() -> Configuration.of(CheckOptions.REPAIR, raw))
        .hasMessageContaining("recheck_after");
    raw.remove("recheck_after");
    assertThat(Configuration.of(CheckOptions.REPAIR, raw).get(CheckOptions.DIFF_OUTPUT))
        .isEqualTo("nimo-full-check-diff");
  }
}
