package io.nimo.backsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped conf/application.yaml is valid, has every key, and shows our defaults. */
class ShippedApplicationYamlTest {
  private static final Set<String> GUIDE_VALUES = Set.of("source.hostname", "target.region");

  @Test
  void listsEveryKeyWithItsDefault() {
    Map<String, String> shipped = YamlConfigReader.read(Path.of("..", "conf", "application.yaml"));
    for (BackSyncKey<?> k : BackSyncKeys.all()) {
      assertThat(shipped).as("shipped application.yaml").containsKey(k.name());
      if (!GUIDE_VALUES.contains(k.name())) {
        assertThat(shipped.get(k.name())).as(k.name()).isEqualTo(k.defaultText());
      }
    }
    assertThat(shipped.keySet()).hasSameSizeAs(BackSyncKeys.all());
    BackSyncOptions.of(shipped, BackSyncOptionsTest.args());
  }
}
