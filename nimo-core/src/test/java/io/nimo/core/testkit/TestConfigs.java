package io.nimo.core.testkit;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.ShakeRules;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** nimo-shake configurations pointing at test servers. */
public final class TestConfigs {
  private TestConfigs() {}

  public static Map<String, String> shakeRaw(
      String sourceEndpoint, String targetEndpoint, Path checkpointDir) {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("id", "it-job");
    raw.put("sync_mode", "full");
    raw.put("source.endpoint_url", sourceEndpoint);
    raw.put("source.access_key_id", "test");
    raw.put("source.secret_access_key", "test-secret");
    raw.put("source.region", "us-east-1");
    raw.put("target.type", "dynamodb");
    raw.put("target.address", targetEndpoint);
    raw.put("target.access_key_id", "test");
    raw.put("target.secret_access_key", "test-secret");
    raw.put("checkpoint.address", checkpointDir.toString());
    raw.put("increase.persist.dir", checkpointDir.resolve("spool").toString());
    raw.put("full_sync.http_port", "-1");
    raw.put("retry.max_backoff", "200ms");
    raw.put("checkpoint.interval", "200ms");
    raw.put("incr.start_probe", "500ms");
    return raw;
  }

  public static Configuration shake(Map<String, String> raw) {
    return Configuration.of(ShakeOptions.ALL, raw);
  }

  /**
   * A nimo-shake configuration checked the way the tools check it before any I/O: the shared rules,
   * then the configured target's own.
   *
   * @param raw the values
   * @return the checked configuration
   */
  public static Configuration validated(Map<String, String> raw) {
    Configuration c = Configuration.of(ShakeOptions.ALL, raw);
    ShakeRules.validate(c);
    io.nimo.core.sink.TargetProviders.validated(c);
    return c;
  }
}
