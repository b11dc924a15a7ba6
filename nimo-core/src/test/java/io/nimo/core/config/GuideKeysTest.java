package io.nimo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.sync.SyncJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every key and value the two user guides show is either honoured or refused with a reason and what
 * to use instead; none is accepted and then ignored.
 */
class GuideKeysTest {
  private static Map<String, String> minimal() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("target.address", "http://127.0.0.1:1");
    raw.put("source.endpoint_url", "http://127.0.0.1:1");
    return raw;
  }

  private static Configuration load(Map<String, String> raw) {
    return io.nimo.core.testkit.TestConfigs.validated(raw);
  }

  @Test
  void httpProfileIsTheIncrementalStatusPort() {
    Map<String, String> raw = minimal();
    raw.put("http_profile", "9440");
    assertThat(load(raw).get(ShakeOptions.INCR_HTTP_PORT)).isEqualTo(9440);
  }

  @Test
  void targetMongodbExistIsTheGuidesSpellingOfTargetDbExist() {
    Map<String, String> raw = minimal();
    raw.put("target.mongodb.exist", "drop");
    assertThat(load(raw).get(TargetAccessOptions.TARGET_DB_EXIST)).isEqualTo(ExistPolicy.DROP);
  }

  @Test
  void aKeyUnderBothSpellingsIsRefused() {
    Map<String, String> raw = minimal();
    raw.put("http_profile", "9440");
    raw.put("incr_sync.http_port", "9340");
    assertThatThrownBy(() -> load(raw))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http_profile")
        .hasMessageContaining("incr_sync.http_port");
  }

  @Test
  void logLevelNoneIsAccepted() {
    Map<String, String> raw = minimal();
    raw.put("log.level", "none");
    assertThat(load(raw).get(ShakeOptions.LOG_LEVEL)).isEqualTo("none");
  }

  @Test
  void theGuidesDefaultsForKeysThatCannotChangeAnythingAreAccepted() {
    Map<String, String> raw = minimal();
    raw.put("full.enable_index.primary", "true");
    raw.put("convert.type", "same");
    raw.put("target.mongodb.type", "");
    raw.put("full.executor.insert_on_dup_update", "true");
    raw.put("system_profile", "9330");
    Configuration c = load(raw);
    assertThat(c.get(ShakeOptions.SYSTEM_PROFILE)).isEqualTo(9330);
  }

  @Test
  void aPlannedTargetTypeAndAMongoTargetWithoutAMongoUriAreRefusedBeforeAnyIo() {
    Map<String, String> raw = minimal();
    raw.put("target.type", "cassandra");
    assertThatThrownBy(() -> SyncJob.builder(load(raw)).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.type")
        .hasMessageContaining("unknown target type 'cassandra'")
        .hasMessageContaining("postgresql");
    Map<String, String> mongo = minimal();
    mongo.put("target.type", "mongodb");
    assertThatThrownBy(() -> SyncJob.builder(load(mongo)).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.address")
        .hasMessageContaining("MongoDB connection string");
    mongo.put("target.address", "mongodb://127.0.0.1:1");
    mongo.put("convert.type", "same");
    assertThatThrownBy(() -> SyncJob.builder(load(mongo)).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("convert.type")
        .hasMessageContaining("same is for DynamoDB-API targets");
  }

  @Test
  void anotherToolsKeysAreAcceptedAndListedAsUnusedButTyposAreNot() {
    Map<String, String> raw = minimal();
    raw.put("sync_mode", "all");
    raw.put("diff_output_file", "diff");
    Configuration c = Configuration.of(CheckOptions.CHECK, raw, ShakeOptions.ALL);
    assertThat(c.unusedKeys()).containsExactly("sync_mode");
    assertThat(c.get(CheckOptions.DIFF_OUTPUT)).isEqualTo("diff");

    raw.put("sync_mdoe", "all");
    assertThatThrownBy(() -> Configuration.of(CheckOptions.CHECK, raw, ShakeOptions.ALL))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sync_mdoe")
        .hasMessageContaining("unknown key");
    raw.remove("sync_mdoe");
    raw.put("sync_mode", "sometimes");
    assertThatThrownBy(() -> Configuration.of(CheckOptions.CHECK, raw, ShakeOptions.ALL))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sync_mode");
  }

  @Test
  void credentialKeysRefuseContradictions() {
    Map<String, String> both = minimal();
    both.put("source.access_key_id", "AKID");
    both.put("source.secret_access_key", "secret");
    both.put("source.profile", "prod");
    assertThatThrownBy(() -> load(both))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("source.profile")
        .hasMessageContaining("not both");
    Map<String, String> orphan = minimal();
    orphan.put("target.role_external_id", "x");
    assertThatThrownBy(() -> load(orphan))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.role_external_id")
        .hasMessageContaining("target.role_arn is empty");
    Map<String, String> notArn = minimal();
    notArn.put("source.role_arn", "nimo-reader");
    assertThatThrownBy(() -> load(notArn))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a role ARN");
    Map<String, String> ok = minimal();
    ok.put("source.profile", "prod");
    ok.put("source.role_arn", "arn:aws:iam::123456789012:role/nimo-reader");
    ok.put("source.role_external_id", "ext-1");
    assertThat(load(ok).masked().get("source.role_external_id")).isEqualTo("******");
  }
}
