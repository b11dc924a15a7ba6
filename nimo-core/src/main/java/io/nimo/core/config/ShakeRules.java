package io.nimo.core.config;

import static io.nimo.core.config.FullSyncOptions.FULL_FILTER_EXPRESSION;
import static io.nimo.core.config.FullSyncOptions.FULL_FILTER_VALUES;
import static io.nimo.core.config.FullSyncOptions.FULL_INDEX_PRIMARY;
import static io.nimo.core.config.IncrSyncOptions.INCR_SYNC_PARALLEL;
import static io.nimo.core.config.ShakeOptions.SYNC_MODE;
import static io.nimo.core.config.SourceOptions.FILTER_BLACK;
import static io.nimo.core.config.SourceOptions.FILTER_WHITE;
import static io.nimo.core.config.SourceOptions.SOURCE_AK;
import static io.nimo.core.config.SourceOptions.SOURCE_ENDPOINT;
import static io.nimo.core.config.SourceOptions.SOURCE_EXTERNAL_ID;
import static io.nimo.core.config.SourceOptions.SOURCE_PROFILE;
import static io.nimo.core.config.SourceOptions.SOURCE_ROLE_ARN;
import static io.nimo.core.config.SourceOptions.SOURCE_SK;
import static io.nimo.core.config.TargetAccessOptions.TARGET_AK;
import static io.nimo.core.config.TargetAccessOptions.TARGET_EXTERNAL_ID;
import static io.nimo.core.config.TargetAccessOptions.TARGET_PROFILE;
import static io.nimo.core.config.TargetAccessOptions.TARGET_ROLE_ARN;
import static io.nimo.core.config.TargetAccessOptions.TARGET_SK;

/**
 * The rules of {@code nimo-shake.conf} (and of the tools sharing its keys) that span several keys;
 * each single key's type, range and choices are checked where it is declared ({@link
 * ShakeOptions}).
 */
public final class ShakeRules {
  private ShakeRules() {}

  /** Checks rules that span several keys; throws {@link ConfigException} naming the keys. */
  public static void validate(Configuration c) {
    validateShared(c);
    String checkpoint = c.get(ShakeOptions.CHECKPOINT_ADDRESS);
    if (checkpoint.regionMatches(true, 0, "http", 0, 4) && checkpoint.contains("://")) {
      Addresses.requireHttpUrl(ShakeOptions.CHECKPOINT_ADDRESS.key(), checkpoint);
    }
    if (c.get(INCR_SYNC_PARALLEL) && c.get(SYNC_MODE) != SyncMode.ALL) {
      throw new ConfigException(
          INCR_SYNC_PARALLEL.key(),
          "true needs sync_mode = all (spooling keeps the changes "
              + "made during the full sync); sync_mode is "
              + c.get(SYNC_MODE));
    }
    exportRules(c);
    if (!c.get(FULL_INDEX_PRIMARY)) {
      throw new ConfigException(
          FULL_INDEX_PRIMARY.key(),
          "false is not supported: every target table is created with the source's primary key, "
              + "which idempotent replays and the check rely on");
    }
  }

  /**
   * Checks the rules on the keys every tool shares (source, target, table filter, Scan filter);
   * throws {@link ConfigException} naming the keys.
   *
   * @param c a configuration declaring at least {@link CheckOptions#SHARED}
   */
  public static void validateShared(Configuration c) {
    if (!c.get(FILTER_WHITE).isBlank() && !c.get(FILTER_BLACK).isBlank()) {
      throw new ConfigException(
          FILTER_WHITE.key(),
          "cannot be combined with " + FILTER_BLACK.key() + "; set only one of them");
    }
    if (c.get(SOURCE_AK).isBlank() != c.get(SOURCE_SK).isBlank()) {
      throw new ConfigException(
          SOURCE_SK.key(),
          "source.access_key_id and source.secret_access_key must be set together (or both left empty "
              + "to use the AWS default credential chain)");
    }
    if (c.get(TARGET_AK).isBlank() != c.get(TARGET_SK).isBlank()) {
      throw new ConfigException(
          TARGET_SK.key(),
          "target.access_key_id and target.secret_access_key must be set together");
    }
    credentialRules(c, SOURCE_AK, SOURCE_PROFILE, SOURCE_ROLE_ARN, SOURCE_EXTERNAL_ID);
    credentialRules(c, TARGET_AK, TARGET_PROFILE, TARGET_ROLE_ARN, TARGET_EXTERNAL_ID);
    String endpoint = c.get(SOURCE_ENDPOINT);
    if (!endpoint.isBlank() && !endpoint.matches("https?://.+")) {
      throw new ConfigException(
          SOURCE_ENDPOINT.key(), "'" + endpoint + "' must start with http:// or https://");
    }
    FilterValues.parse(c.get(FULL_FILTER_VALUES));
    if (!c.get(FULL_FILTER_VALUES).isBlank() && c.get(FULL_FILTER_EXPRESSION).isBlank()) {
      throw new ConfigException(
          FULL_FILTER_VALUES.key(), "is set but full.read.filter_expression is empty");
    }
  }

  private static void exportRules(Configuration c) {
    if (c.get(ExportOptions.FULL_SOURCE) != ExportOptions.BulkSource.EXPORT) {
      return;
    }
    if (c.get(ExportOptions.FULL_EXPORT_S3_URI).isBlank()) {
      throw new ConfigException(
          ExportOptions.FULL_EXPORT_S3_URI.key(),
          "is empty, and full.source = export needs it: s3://bucket/prefix (each table's newest"
              + " export under <prefix>/<table>/AWSDynamoDB/) or one export's folder");
    }
    if (!c.get(FULL_FILTER_EXPRESSION).isBlank()) {
      throw new ConfigException(
          FULL_FILTER_EXPRESSION.key(),
          "is set, and an export holds every item: a filtered bulk copy needs full.source ="
              + " scan");
    }
    if (c.get(ExportOptions.FULL_EXPORT_AK).isBlank()
        != c.get(ExportOptions.FULL_EXPORT_SK).isBlank()) {
      throw new ConfigException(
          ExportOptions.FULL_EXPORT_SK.key(),
          "full.export.access_key_id and full.export.secret_access_key must be set together");
    }
  }

  private static void credentialRules(
      Configuration c,
      ConfigOption<String> key,
      ConfigOption<String> profile,
      ConfigOption<String> role,
      ConfigOption<String> externalId) {
    if (!c.get(key).isBlank() && !c.get(profile).isBlank()) {
      throw new ConfigException(
          profile.key(),
          "cannot be combined with " + key.key() + "; use static keys or a profile, not both");
    }
    String arn = c.get(role);
    if (!arn.isBlank() && !arn.startsWith("arn:")) {
      throw new ConfigException(
          role.key(), "'" + arn + "' is not a role ARN (arn:aws:iam::<account>:role/<name>)");
    }
    if (arn.isBlank() && !c.get(externalId).isBlank()) {
      throw new ConfigException(externalId.key(), "is set but " + role.key() + " is empty");
    }
  }
}
