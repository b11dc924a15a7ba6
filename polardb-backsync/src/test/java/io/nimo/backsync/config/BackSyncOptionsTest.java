package io.nimo.backsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackSyncOptionsTest {
  static final String GUIDE_YAML =
      "snapshot:\n"
          + "  mode: never\n"
          + "source:\n"
          + "  # Private endpoint of the PolarDB primary node\n"
          + "  hostname: pc-xxx.pg.polardb.rds.aliyuncs.com\n"
          + "  port: 5432\n"
          + "  slotName: flink_slot\n"
          + "target:\n"
          + "  region: cn-north-1\n"
          + "filter:\n"
          + "  whiteTableSet:\n"
          + "  blackTableSet:\n"
          + "checkpoint:\n"
          + "  interval: 3000\n";

  static MainArgs args() {
    return MainArgs.parse(
        new String[] {
          "--polardbusername", "u", "--polardbpassword", "pw-123",
          "--dynamodbak", "AKIA1", "--dynamodbsk", "sk-secret"
        });
  }

  @Test
  void readsTheGuidesApplicationYamlWithDefaultsForOurKeys() {
    BackSyncOptions o = BackSyncOptions.of(YamlConfigReader.parse(GUIDE_YAML, "guide"), args());
    assertThat(o.get(BackSyncKeys.SOURCE_HOSTNAME)).isEqualTo("pc-xxx.pg.polardb.rds.aliyuncs.com");
    assertThat(o.get(BackSyncKeys.SOURCE_PORT)).isEqualTo(5432);
    assertThat(o.get(BackSyncKeys.TARGET_REGION)).isEqualTo("cn-north-1");
    assertThat(o.get(BackSyncKeys.FILTER_WHITE)).isEmpty();
    assertThat(o.get(BackSyncKeys.CHECKPOINT_INTERVAL)).isEqualTo(3000);
    assertThat(o.get(BackSyncKeys.SOURCE_DATABASE)).isEqualTo("polardb_internal_dynamodb");
    assertThat(o.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://pc-xxx.pg.polardb.rds.aliyuncs.com:5432/polardb_internal_dynamodb");
  }

  @Test
  void neverShowsSecretsInItsDescription() {
    BackSyncOptions o = BackSyncOptions.of(YamlConfigReader.parse(GUIDE_YAML, "guide"), args());
    assertThat(o.toString()).doesNotContain("pw-123", "AKIA1", "sk-secret").contains("***");
  }

  @Test
  void refusesUnknownKeysNamingThem() {
    Map<String, String> y = YamlConfigReader.parse(GUIDE_YAML + "source:\n  slotname: x\n", "g");
    assertThatThrownBy(() -> BackSyncOptions.of(y, args()))
        .isInstanceOf(BackSyncConfigException.class)
        .hasMessageContaining("source.slotname");
  }

  @Test
  void refusesBothTableSets() {
    Map<String, String> y = base();
    y.put("filter.whiteTableSet", "a");
    y.put("filter.blackTableSet", "b");
    assertThatThrownBy(() -> BackSyncOptions.of(y, args()))
        .hasMessageContaining("filter.whiteTableSet and filter.blackTableSet");
  }

  @Test
  void refusesBadValuesNamingTheKey() {
    Map<String, String> y = base();
    y.put("checkpoint.interval", "soon");
    assertThatThrownBy(() -> BackSyncOptions.of(y, args()))
        .hasMessageContaining("checkpoint.interval");
    Map<String, String> z = base();
    z.put("snapshot.mode", "always");
    assertThatThrownBy(() -> BackSyncOptions.of(z, args())).hasMessageContaining("snapshot.mode");
    Map<String, String> e = base();
    e.put("target.endpoint", "localhost:8000");
    assertThatThrownBy(() -> BackSyncOptions.of(e, args())).hasMessageContaining("target.endpoint");
  }

  @Test
  void requiresHostUserAndRegionAndPairedKeys() {
    Map<String, String> y = base();
    y.remove("source.hostname");
    assertThatThrownBy(() -> BackSyncOptions.of(y, args())).hasMessageContaining("source.hostname");
    Map<String, String> r = base();
    r.remove("target.region");
    assertThatThrownBy(() -> BackSyncOptions.of(r, args())).hasMessageContaining("target.region");
    assertThatThrownBy(
            () ->
                BackSyncOptions.of(base(), MainArgs.parse(new String[] {"--polardbpassword", "x"})))
        .hasMessageContaining("--polardbusername");
    assertThatThrownBy(
            () ->
                BackSyncOptions.of(
                    base(),
                    MainArgs.parse(new String[] {"--polardbusername", "u", "--dynamodbak", "a"})))
        .hasMessageContaining("--dynamodbsk");
  }

  @Test
  void mainArgsRefuseUnknownFlagsAndAcceptBothForms() {
    assertThatThrownBy(() -> MainArgs.parse(new String[] {"--polardbuser", "u"}))
        .hasMessageContaining("--polardbuser");
    MainArgs a = MainArgs.parse(new String[] {"--polardbusername=u", "--local"});
    assertThat(a.get("polardbusername")).isEqualTo("u");
    assertThat(a.local()).isTrue();
  }

  @Test
  void refusesYamlThatIsNotAMapping() {
    assertThatThrownBy(() -> YamlConfigReader.parse("- a\n- b\n", "x.yaml"))
        .hasMessageContaining("x.yaml");
    assertThatThrownBy(() -> YamlConfigReader.parse("a: [\n", "x.yaml"))
        .hasMessageContaining("not valid YAML");
  }

  static Map<String, String> base() {
    Map<String, String> y = new LinkedHashMap<>();
    y.put("source.hostname", "h");
    y.put("target.region", "us-east-1");
    return y;
  }
}
