package io.nimo.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Other spellings of keys that users type because a guide or an older NimoShake release shows them:
 * {@code http_profile} (the incremental status port) and {@code target.mongodb.exist}. A file may
 * use either spelling, not both.
 */
public final class ConfigAliases {
  /** Alias to canonical key. */
  public static final Map<String, String> ALIASES =
      Map.of("http_profile", "incr_sync.http_port", "target.mongodb.exist", "target.db.exist");

  private ConfigAliases() {}

  /**
   * The raw values with every alias replaced by its canonical key.
   *
   * @param raw the values as written
   * @return the same values under canonical keys
   * @throws ConfigException if a key is given under both spellings
   */
  public static Map<String, String> canonical(Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach(
        (key, value) -> {
          String canonical = ALIASES.getOrDefault(key, key);
          if (!canonical.equals(key) && raw.containsKey(canonical)) {
            throw new ConfigException(
                key, "is another spelling of " + canonical + ", which is set too; keep only one");
          }
          out.put(canonical, value);
        });
    return out;
  }
}
