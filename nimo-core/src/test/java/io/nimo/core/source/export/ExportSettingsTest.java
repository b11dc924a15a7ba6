package io.nimo.core.source.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ExportSettingsTest {
  private static Map<String, String> raw() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("target.address", "http://127.0.0.1:8000");
    raw.put("source.access_key_id", "source-ak");
    raw.put("source.secret_access_key", "source-sk");
    raw.put("source.region", "eu-west-1");
    raw.put("full.source", "export");
    raw.put("full.export.s3_uri", "s3://bucket/nightly");
    return raw;
  }

  private static ExportSettings of(Map<String, String> raw) {
    return ExportSettings.from(Configuration.of(ShakeOptions.ALL, raw));
  }

  @Test
  void s3UsesTheSourcesCredentialsAndRegionUnlessItsOwnAreSet() {
    ExportSettings source = of(raw());
    assertThat(source.credentials().accessKeyId()).isEqualTo("source-ak");
    assertThat(source.region()).isEqualTo("eu-west-1");
    assertThat(source.endpoint()).isEmpty();

    Map<String, String> own = raw();
    own.put("full.export.access_key_id", "s3-ak");
    own.put("full.export.secret_access_key", "s3-sk");
    own.put("full.export.s3_region", "us-west-2");
    ExportSettings s3 = of(own);
    assertThat(s3.credentials().accessKeyId()).isEqualTo("s3-ak");
    assertThat(s3.credentials().secretAccessKey()).isEqualTo("s3-sk");
    assertThat(s3.region()).isEqualTo("us-west-2");

    Map<String, String> profile = raw();
    profile.put("full.export.profile", "exports");
    assertThat(of(profile).credentials().profile()).isEqualTo("exports");
    assertThat(of(profile).credentials().accessKeyId()).isEmpty();
  }

  @Test
  void oneExportForSeveralTablesIsRefusedNamingTheKey() {
    Map<String, String> one = raw();
    one.put("full.export.s3_uri", "s3://bucket/AWSDynamoDB/01234567890123-abcdef12/");
    of(one).requireFits(List.of("orders"));
    Assertions.assertThatThrownBy(() -> of(one).requireFits(List.of("orders", "users")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("full.export.s3_uri")
        .hasMessageContaining("[orders, users]");
    of(raw()).requireFits(List.of("orders", "users"));
  }
}
