package io.nimo.backsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.config.MainArgs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CdcSourceFactoryTest {
  static Pattern pattern(String... kv) {
    Map<String, String> y = new LinkedHashMap<>();
    y.put("source.hostname", "h");
    y.put("target.region", "us-east-1");
    for (int i = 0; i < kv.length; i += 2) {
      y.put(kv[i], kv[i + 1]);
    }
    BackSyncOptions o =
        BackSyncOptions.of(y, MainArgs.parse(new String[] {"--polardbusername", "u"}));
    return Pattern.compile(CdcSourceFactory.tablePattern(o, o.get(BackSyncKeys.SOURCE_SCHEMA)));
  }

  @Test
  void allTablesButNimoCheckpointTablesByDefault() {
    Pattern p = pattern();
    assertThat(p.matcher("public.orders").matches()).isTrue();
    assertThat(p.matcher("public.nimo_echo").matches()).isTrue();
    assertThat(p.matcher("public.job-checkpoint").matches()).isFalse();
    assertThat(p.matcher("other.orders").matches()).isFalse();
  }

  @Test
  void whiteListKeepsOnlyItsTablesAndTheEchoMarker() {
    Pattern p = pattern("filter.whiteTableSet", "orders, a.b");
    assertThat(p.matcher("public.orders").matches()).isTrue();
    assertThat(p.matcher("public.a.b").matches()).isTrue();
    assertThat(p.matcher("public.aXb").matches()).isFalse();
    assertThat(p.matcher("public.nimo_echo").matches()).isTrue();
    assertThat(p.matcher("public.users").matches()).isFalse();
  }

  @Test
  void blackListDropsItsTables() {
    Pattern p = pattern("filter.blackTableSet", "users", "source.schema", "app");
    assertThat(p.matcher("app.users").matches()).isFalse();
    assertThat(p.matcher("app.users2").matches()).isTrue();
    assertThat(p.matcher("app.orders").matches()).isTrue();
  }

  @Test
  void severalSchemasAndNamesWithCapitalsDashesAndDots() {
    Pattern p = pattern("source.schema", "app, Other-Schema");
    assertThat(p.matcher("app.Orders-2024.v1").matches()).isTrue();
    assertThat(p.matcher("Other-Schema.users").matches()).isTrue();
    assertThat(p.matcher("public.users").matches()).isFalse();
  }

  @Test
  void withoutEchoSkippingTheMarkerTableIsNotRead() {
    Pattern p = pattern("echo.skipForwardSyncChanges", "false");
    assertThat(p.matcher("public.nimo_echo").matches()).isFalse();
    assertThat(p.matcher("public.orders").matches()).isTrue();
  }
}
