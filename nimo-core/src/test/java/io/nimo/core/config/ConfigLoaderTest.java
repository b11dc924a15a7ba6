package io.nimo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path f = dir.resolve("x.conf");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsKeyValueLinesAndSkipsComments() throws Exception {
    Path f =
        write(
            """
        # a comment
        id = job-1
        target.address =   http://127.0.0.1:8000
        full.read.filter_attributevalues = begin```N```1646724207280~~~end```N```1646724207283
        filter.collection.white = c1;c2
        source.secret_access_key = a/b+c=d
        """);
    var raw = ConfigLoader.readRaw(f);
    assertThat(raw)
        .containsEntry("id", "job-1")
        .containsEntry("target.address", "http://127.0.0.1:8000")
        .containsEntry(
            "full.read.filter_attributevalues",
            "begin```N```1646724207280~~~end```N```1646724207283")
        .containsEntry("filter.collection.white", "c1;c2")
        .containsEntry("source.secret_access_key", "a/b+c=d");
  }

  @Test
  void resolvesEnvironmentReferences() throws Exception {
    String home = System.getenv("HOME");
    var raw = ConfigLoader.readRaw(write("source.secret_access_key = ${env:HOME}\n"));
    assertThat(raw.get("source.secret_access_key")).isEqualTo(home);
  }

  @Test
  void keepsReferencesAsWrittenUntilResolvedWhereTheyAreUsed() throws Exception {
    var written = ConfigLoader.readUnresolved(write("source.secret_access_key = ${env:HOME}\n"));
    assertThat(written.get("source.secret_access_key")).isEqualTo("${env:HOME}");
    assertThat(ConfigLoader.resolve(written).get("source.secret_access_key"))
        .isEqualTo(System.getenv("HOME"));
  }

  @Test
  void aReferenceToAnUnsetVariableIsAnErrorNamingTheKeyAndTheVariable() throws Exception {
    assertThatThrownBy(
            () -> ConfigLoader.readRaw(write("target.password = ${env:NIMO_NEVER_SET_42}\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.password")
        .hasMessageContaining("NIMO_NEVER_SET_42");
  }

  @Test
  void rejectsALineWithoutEqualsSign() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.readRaw(write("id = a\nsync_mode full\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("sync_mode full");
  }

  @Test
  void rejectsAKeySetTwice() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.readRaw(write("qps.full = 1\nqps.full = 2\n")))
        .hasMessageContaining("qps.full")
        .hasMessageContaining("set twice");
  }

  @Test
  void reportsAMissingFile() {
    assertThatThrownBy(() -> ConfigLoader.readRaw(dir.resolve("nope.conf")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void acceptsAnOriginalNimoShakeConfWithItsKeys() throws Exception {
    Path f =
        write(
            """
        conf.version = 3
        id = nimo-shake
        log.file =
        log.level = info
        log.buffer = true
        system_profile = 9330
        full_sync.http_port = 9341
        incr_sync.http_port = 9340
        sync_mode = full
        incr_sync_parallel = false
        source.access_key_id = AK
        source.secret_access_key = SK
        source.session_token =
        source.region = cn-north-1
        source.endpoint_url =
        source.session.max_retries = 3
        source.session.timeout = 3000
        filter.collection.white =
        filter.collection.black =
        qps.full = 1000
        qps.full.batch_num = 128
        qps.incr = 1000
        qps.incr.batch_num = 128
        target.type = aliyun_dynamo_proxy
        target.address = http://127.0.0.1:8000
        target.mongodb.type =
        target.db.exist = drop
        sync_schema_only = false
        full.concurrency = 4
        full.read.concurrency = 1
        full.document.concurrency = 4
        full.document.write.batch = 25
        full.document.parser = 2
        full.enable_index.user = true
        full.executor.insert_on_dup_update = true
        increase.concurrency = 16
        increase.executor.insert_on_dup_update = true
        increase.executor.upsert = true
        checkpoint.type = file
        checkpoint.address =
        checkpoint.db =
        convert._id = pre
        full.read.filter_expression =
        full.read.filter_attributevalues =
        """);
    Configuration c = ConfigLoader.load(f, ShakeOptions.ALL);
    ShakeRules.validate(c);
    assertThat(c.get(TargetAccessOptions.TARGET_TYPE)).isEqualTo("aliyun_dynamo_proxy");
  }
}
