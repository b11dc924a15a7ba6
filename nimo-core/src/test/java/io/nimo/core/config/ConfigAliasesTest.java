package io.nimo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guides' other spellings of a key are read as the key. */
class ConfigAliasesTest {

  @Test
  void guideSpellingsAreReadAsTheirKeyKeepingFileOrder() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("id", "job");
    raw.put("http_profile", "9100");
    raw.put("target.mongodb.exist", "drop");

    Map<String, String> canonical = ConfigAliases.canonical(raw);

    assertThat(canonical)
        .containsExactly(
            Map.entry("id", "job"),
            Map.entry("incr_sync.http_port", "9100"),
            Map.entry("target.db.exist", "drop"));
  }

  @Test
  void bothSpellingsSetIsRefusedNamingTheAlias() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("target.db.exist", "drop");
    raw.put("target.mongodb.exist", "rename");

    assertThatThrownBy(() -> ConfigAliases.canonical(raw))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.mongodb.exist")
        .hasMessageContaining("another spelling of target.db.exist");
  }

  @Test
  void aliasesAreAcceptedByTheLoaderWithTheirValuesChecked() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("source.endpoint_url", "http://127.0.0.1:1");
    raw.put("target.address", "http://127.0.0.1:2");
    raw.put("http_profile", "not-a-port");

    assertThatThrownBy(() -> Configuration.of(ShakeOptions.ALL, raw))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("incr_sync.http_port");
  }
}
