package io.nimo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShakeOptionsTest {

  private static Map<String, String> minimal() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("target.address", "http://127.0.0.1:8000");
    return raw;
  }

  private static Configuration load(Map<String, String> raw) {
    return io.nimo.core.testkit.TestConfigs.validated(raw);
  }

  @Test
  void defaultsMatchTheDocumentedValues() {
    Configuration c = load(minimal());
    assertThat(c.get(ShakeOptions.SYNC_MODE)).isEqualTo(SyncMode.ALL);
    assertThat(c.get(IncrSyncOptions.INCR_START)).isEqualTo(StartPosition.TRIM_HORIZON);
    assertThat(c.get(FullSyncOptions.FULL_READ_CONCURRENCY)).isEqualTo(8);
    assertThat(c.get(FullSyncOptions.FULL_WRITE_BATCH)).isZero();
    assertThat(c.get(SourceOptions.QPS_FULL)).isEqualTo(1000);
    assertThat(c.get(SourceOptions.QPS_FULL_BATCH)).isEqualTo(128);
    assertThat(c.get(FullSyncOptions.FULL_FILTER_EXPRESSION)).isEmpty();
    assertThat(c.get(ShakeOptions.CHECKPOINT_TYPE)).isEqualTo("file");
    assertThat(c.get(ShakeOptions.CHECKPOINT_ADDRESS)).isEqualTo("checkpoint");
    assertThat(c.get(ShakeOptions.HTTP_BIND)).isEqualTo("127.0.0.1");
    assertThat(c.get(ShakeOptions.RETRY_BUDGET)).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.get(TargetAccessOptions.TARGET_DB_EXIST)).isEqualTo(ExistPolicy.FAIL);
  }

  @ParameterizedTest(name = "{0} = {1} is rejected")
  @CsvSource(
      delimiter = '|',
      value = {
        "qps.full | 0 | out of range",
        "qps.full | fast | cannot parse",
        "full.document.write.batch | 26 | at most 25",
        "full.document.write.batch | 100001 | out of range",
        "full.read.concurrency | 0 | out of range",
        "full.concurrency | 5000 | out of range",
        "log.level | verbose | is not one of",
        "sync_mode | sometimes | is not one of",
        "target.db.exist | rename | DynamoDB cannot rename a table",
        "target.db.exist | truncate | is not one of",
        "log.level | trace | is not one of",
        "full.enable_index.primary | false | is not supported",
        "convert.type | change | DynamoDB-API targets store items unchanged",
        "convert.type | bson | is not one of",
        "target.mongodb.type | sharding | applies to target.type = mongodb only",
        "convert._id | x | applies to target.type = mongodb only",
        "full.executor.insert_on_dup_update | false | BatchWriteItem always overwrites",
        "system_profile | 70000 | out of range",
        "full_sync.http_port | 70000 | out of range",
        "full.enable_index.user | yes please | cannot parse",
        "retry.budget | 5 parsecs | cannot parse",
        "conf.version | 9 | out of range",
        "id | my job | may only contain",
        "source.endpoint_url | localhost:8000 | must start with http",
        "full.read.filter_attributevalues | begin```X```1 | must be N or S",
        "full.read.filter_attributevalues | begin```N | is not name```type```value",
        "full.read.filter_attributevalues | begin```N```abc | is not a number",
        "incr.on_trimmed | skip | is not one of",
        "incr.spool_after | soon | cannot parse",
        "increase.persist.max_mb | 0 | out of range",
        "increase.executor.upsert | false | always upserts",
        "increase.executor.insert_on_dup_update | false | always upserts",
        "incr.start_position | now | is not one of",
      })
  void rejectsBadValuesNamingTheKey(String key, String value, String message) {
    Map<String, String> raw = minimal();
    raw.put(key, value);
    if (key.equals("full.read.filter_attributevalues")) {
      raw.put("full.read.filter_expression", "a > :begin");
    }
    assertThatThrownBy(() -> load(raw))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsSpoolingOutsideSyncModeAll() {
    Map<String, String> raw = minimal();
    raw.put("incr_sync_parallel", "true");
    raw.put("sync_mode", "full");
    assertThatThrownBy(() -> load(raw))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("incr_sync_parallel")
        .hasMessageContaining("sync_mode = all");
    raw.put("sync_mode", "all");
    assertThat(load(raw).get(IncrSyncOptions.INCR_SYNC_PARALLEL)).isTrue();
  }

  @Test
  void rejectsUnknownKeys() {
    Map<String, String> raw = minimal();
    raw.put("qps.fulll", "3");
    assertThatThrownBy(() -> load(raw))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("qps.fulll")
        .hasMessageContaining("unknown key");
  }

  @Test
  void requiresTheTargetAddress() {
    assertThatThrownBy(() -> load(new LinkedHashMap<>()))
        .hasMessageContaining("target.address")
        .hasMessageContaining("required");
  }

  @Test
  void rejectsWhiteAndBlackFilterTogether() {
    Map<String, String> raw = minimal();
    raw.put("filter.collection.white", "a");
    raw.put("filter.collection.black", "b");
    assertThatThrownBy(() -> load(raw))
        .hasMessageContaining("filter.collection.white")
        .hasMessageContaining("filter.collection.black");
  }

  @Test
  void rejectsHalfOfAKeyPair() {
    Map<String, String> raw = minimal();
    raw.put("source.access_key_id", "AK");
    assertThatThrownBy(() -> load(raw)).hasMessageContaining("source.secret_access_key");
    Map<String, String> target = minimal();
    target.put("target.secret_access_key", "SK");
    assertThatThrownBy(() -> load(target)).hasMessageContaining("target.secret_access_key");
  }

  @Test
  void rejectsFilterValuesWithoutAnExpression() {
    Map<String, String> raw = minimal();
    raw.put("full.read.filter_attributevalues", "begin```N```1");
    assertThatThrownBy(() -> load(raw)).hasMessageContaining("full.read.filter_expression");
  }

  @Test
  void parsesFilterValuesOfTheOriginalFormat() {
    var values = FilterValues.parse("begin```N```1646724207280~~~end```S```z");
    assertThat(values).containsOnlyKeys(":begin", ":end");
    assertThat(values.get(":begin").n()).isEqualTo("1646724207280");
    assertThat(values.get(":end").s()).isEqualTo("z");
  }

  @Test
  void masksSecretsAndUrlCredentialsInTheEffectiveConfig() {
    Map<String, String> raw = minimal();
    raw.put("source.access_key_id", "AKIDEXAMPLE");
    raw.put("source.secret_access_key", "wJalrXUtnFEMI");
    raw.put("target.access_key_id", "tk");
    raw.put("target.secret_access_key", "polar-secret");
    raw.put("source.endpoint_url", "http://user:pw123@127.0.0.1:8000");
    Configuration c = load(raw);
    String text = c.masked().toString();
    assertThat(text)
        .doesNotContain("wJalrXUtnFEMI")
        .doesNotContain("polar-secret")
        .doesNotContain("pw123");
    assertThat(c.masked().get("source.secret_access_key")).isEqualTo("******");
    assertThat(c.masked().get("source.endpoint_url"))
        .isEqualTo("http://user:******@127.0.0.1:8000");
    assertThat(c.toString()).doesNotContain("wJalrXUtnFEMI");
  }

  @Test
  void acceptsDurationsInSeveralUnits() {
    Map<String, String> raw = minimal();
    raw.put("retry.budget", "90s");
    raw.put("retry.max_backoff", "1500ms");
    raw.put("checkpoint.interval", "PT2S");
    raw.put("target.table_active_timeout", "1h");
    Configuration c = load(raw);
    assertThat(c.get(ShakeOptions.RETRY_BUDGET)).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.get(ShakeOptions.RETRY_MAX_BACKOFF)).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.get(ShakeOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.get(ShakeOptions.TABLE_ACTIVE_TIMEOUT)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void everyKeyIsDeclaredOnce() {
    assertThat(ShakeOptions.ALL.stream().map(ConfigOption::key).distinct().count())
        .isEqualTo(ShakeOptions.ALL.size());
  }

  @Test
  void addressKeysThatAreNotUrlsAreRefusedWhenTheConfigIsLoaded() {
    Map<String, String> target = minimal();
    target.put("target.address", "not a url at all");
    assertThatThrownBy(() -> load(target))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.address")
        .hasMessageContaining("not a valid endpoint URL");
    Map<String, String> source = minimal();
    source.put("source.endpoint_url", "localhost:8000");
    assertThatThrownBy(() -> load(source))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("source.endpoint_url")
        .hasMessageContaining("http://");
    Map<String, String> checkpoint = minimal();
    checkpoint.put("checkpoint.type", "dynamodb");
    checkpoint.put("checkpoint.address", "http://user:secret@bad host:8000");
    assertThatThrownBy(() -> load(checkpoint))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("checkpoint.address")
        .hasMessageNotContaining("secret");
    Map<String, String> fine = minimal();
    fine.put("source.endpoint_url", "https://dynamodb.us-east-1.amazonaws.com");
    assertThat(load(fine).get(SourceOptions.SOURCE_ENDPOINT)).startsWith("https://");
  }
}
