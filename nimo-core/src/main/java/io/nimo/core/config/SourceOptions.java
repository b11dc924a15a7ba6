package io.nimo.core.config;

import static io.nimo.core.config.ConfigOption.integer;
import static io.nimo.core.config.ConfigOption.string;

/**
 * The source keys of {@code nimo-shake.conf}: the DynamoDB endpoint and its credentials, which
 * tables to read ({@code filter.collection.*}) and how fast ({@code qps.*}). Declared once here;
 * {@link ShakeOptions#ALL} puts them in conf-file order.
 */
public final class SourceOptions {
  private SourceOptions() {}

  public static final ConfigOption<String> SOURCE_AK =
      string(
          "source.access_key_id",
          "",
          "Source AWS access key id; empty uses the AWS default credential chain (env, profile, role).");

  public static final ConfigOption<String> SOURCE_SK =
      string("source.secret_access_key", "", "Source AWS secret access key.").asSecret();

  public static final ConfigOption<String> SOURCE_TOKEN =
      string("source.session_token", "", "Source STS session token (optional).").asSecret();

  /** {@code source.profile}: a profile of the AWS shared config files for the source. */
  public static final ConfigOption<String> SOURCE_PROFILE =
      string(
          "source.profile",
          "",
          "Profile of ~/.aws/config and ~/.aws/credentials for the source, used when source.access_key_id is "
              + "empty; empty uses the AWS default credential chain.");

  /** {@code source.role_arn}: an IAM role assumed for the source. */
  public static final ConfigOption<String> SOURCE_ROLE_ARN =
      string(
          "source.role_arn",
          "",
          "IAM role to assume (STS AssumeRole, refreshed before it expires) with the credentials above, e.g. "
              + "arn:aws:iam::123456789012:role/nimo-reader; empty: use those credentials directly.");

  /** {@code source.role_external_id}: external id of the source role. */
  public static final ConfigOption<String> SOURCE_EXTERNAL_ID =
      string(
              "source.role_external_id",
              "",
              "External id the source role's trust policy requires (with source.role_arn).")
          .asSecret();

  public static final ConfigOption<String> SOURCE_REGION =
      string(
          "source.region",
          "",
          "Source AWS region, e.g. cn-north-1; empty uses the AWS default region chain.");

  public static final ConfigOption<String> SOURCE_ENDPOINT =
      string(
              "source.endpoint_url",
              "",
              "Source endpoint; leave empty for AWS DynamoDB (set it for DynamoDB Local and the like).")
          .withValidator(Addresses.optionalHttpUrl());

  public static final ConfigOption<Integer> SOURCE_MAX_RETRIES =
      integer(
              "source.session.max_retries",
              3,
              "AWS SDK retries per source call (nimo retries on top of these within retry.budget).")
          .between(0, 100);

  public static final ConfigOption<Integer> SOURCE_TIMEOUT =
      integer(
              "source.session.timeout",
              3000,
              "Timeout of one source API call attempt in milliseconds; 0 = none.")
          .between(0, 3_600_000);

  public static final ConfigOption<String> FILTER_WHITE =
      string(
          "filter.collection.white",
          "",
          "Tables to sync, ';'-separated exact names. Cannot be combined with the black list.");

  public static final ConfigOption<String> FILTER_BLACK =
      string(
          "filter.collection.black",
          "",
          "Tables to skip, ';'-separated exact names. Cannot be combined with the white list.");

  public static final ConfigOption<Integer> QPS_FULL =
      integer("qps.full", 1000, "Maximum Scan calls per second per table (shared by its segments).")
          .between(1, 1_000_000);

  public static final ConfigOption<Integer> QPS_FULL_BATCH =
      integer("qps.full.batch_num", 128, "Scan page size (Limit).").between(1, 10_000);

  public static final ConfigOption<Integer> QPS_INCR =
      integer("qps.incr", 1000, "Maximum GetRecords calls per second per shard (incremental sync).")
          .between(1, 1_000_000);

  public static final ConfigOption<Integer> QPS_INCR_BATCH =
      integer(
              "qps.incr.batch_num",
              1000,
              "GetRecords Limit (incremental sync). 1000, the most GetRecords returns, so a backlog "
                  + "behind a distant source takes few round trips (bench/incr-lag-bench.sh).")
          .between(1, 1000);

  /** How to reach and authenticate to the source, in conf-file order. */
  public static final java.util.List<ConfigOption<?>> ACCESS =
      java.util.List.of(
          SOURCE_AK,
          SOURCE_SK,
          SOURCE_TOKEN,
          SOURCE_PROFILE,
          SOURCE_ROLE_ARN,
          SOURCE_EXTERNAL_ID,
          SOURCE_REGION,
          SOURCE_ENDPOINT,
          SOURCE_MAX_RETRIES,
          SOURCE_TIMEOUT);

  /** Which tables, and how fast the Scan reads them: what the sync and the check share. */
  public static final java.util.List<ConfigOption<?>> TABLES_AND_SCAN_RATE =
      java.util.List.of(FILTER_WHITE, FILTER_BLACK, QPS_FULL, QPS_FULL_BATCH);
}
