package io.nimo.core.config;

import static io.nimo.core.config.ConfigOption.string;

/**
 * The target keys every target type shares: its type and address, credentials, and what to do with
 * a table that already exists. Keys of one target type are in {@link TargetOptions}. Declared once
 * here; {@link ShakeOptions#ALL} puts them in conf-file order.
 */
public final class TargetAccessOptions {
  private TargetAccessOptions() {}

  /**
   * {@code target.type}: Target kind: dynamodb (any DynamoDB-API endpoint: PolarDB-DDB, AWS,
   * DynamoDB Local), alias polardb and aliyun_dynamo_proxy.
   */
  public static final ConfigOption<String> TARGET_TYPE =
      string(
              "target.type",
              "dynamodb",
              "Target kind: dynamodb (any DynamoDB-API endpoint: PolarDB-DDB, AWS, DynamoDB Local; aliases polardb "
                  + "and aliyun_dynamo_proxy), mongodb (a replica set or sharded cluster: target.address is a "
                  + "mongodb:// connection string) or postgresql (one table per DynamoDB table: target.address is a "
                  + "jdbc:postgresql:// URL); a plug-in may register more types (ServiceLoader).")
          .required();

  public static final ConfigOption<String> TARGET_ADDRESS =
      string(
              "target.address",
              "",
              "Where the target is. dynamodb: the endpoint URL with http(s):// and port, e.g. the PolarDB "
                  + "cluster's DynamoDB endpoint; mongodb: a mongodb:// or mongodb+srv:// connection string "
                  + "(with its account); postgresql: jdbc:postgresql://host:5432/database.")
          .required();

  public static final ConfigOption<String> TARGET_AK =
      string(
          "target.access_key_id",
          "",
          "Target account. dynamodb: the access key (PolarDB DynamoDB account; empty uses the AWS default "
              + "credential chain); postgresql: the user, unless the URL names one; mongodb: unused (the "
              + "connection string carries the account).");

  public static final ConfigOption<String> TARGET_SK =
      string(
              "target.secret_access_key",
              "",
              "The secret of target.access_key_id: the secret access key, or the PostgreSQL password.")
          .asSecret();

  /** {@code target.profile}: a profile of the AWS shared config files for the target. */
  public static final ConfigOption<String> TARGET_PROFILE =
      string(
          "target.profile",
          "",
          "Profile of ~/.aws/config and ~/.aws/credentials for the target, used when target.access_key_id is "
              + "empty.");

  /** {@code target.role_arn}: an IAM role assumed for the target (an AWS DynamoDB target). */
  public static final ConfigOption<String> TARGET_ROLE_ARN =
      string(
          "target.role_arn",
          "",
          "IAM role to assume for the target (an AWS DynamoDB target), like source.role_arn.");

  /** {@code target.role_external_id}: external id of the target role. */
  public static final ConfigOption<String> TARGET_EXTERNAL_ID =
      string(
              "target.role_external_id",
              "",
              "External id the target role's trust policy requires (with target.role_arn).")
          .asSecret();

  public static final ConfigOption<String> TARGET_REGION =
      string(
              "target.region",
              "us-east-1",
              "Region name sent to the target endpoint (PolarDB ignores it; AWS needs the real one).")
          .required();

  public static final ConfigOption<ExistPolicy> TARGET_DB_EXIST =
      ConfigOption.choice(
          "target.db.exist",
          ExistPolicy.FAIL,
          "A target table that already exists: empty = stop with an error; drop = delete and recreate it; "
              + "rename (MongoDB only) = keep it under a timestamped name. The guide's spelling "
              + "target.mongodb.exist is accepted too.");

  /** Which target, and how to reach and authenticate to it, in conf-file order. */
  public static final java.util.List<ConfigOption<?>> ACCESS =
      java.util.List.of(
          TARGET_TYPE,
          TARGET_ADDRESS,
          TARGET_AK,
          TARGET_SK,
          TARGET_PROFILE,
          TARGET_ROLE_ARN,
          TARGET_EXTERNAL_ID,
          TARGET_REGION);

  /**
   * Refuses target keys a target type does not use, when they are set: accepted and ignored, they
   * would suggest an account that is not the one used.
   *
   * @param targetType the configured {@code target.type}
   * @param instead where that target takes what these keys would say
   * @param unused the keys it does not read
   * @throws ConfigException naming the first key that is set
   */
  @SafeVarargs
  public static void refuseUnused(
      Configuration c, String targetType, String instead, ConfigOption<String>... unused) {
    for (ConfigOption<String> key : unused) {
      if (!c.get(key).isBlank()) {
        throw new ConfigException(
            key.key(),
            "is not used by target.type = " + targetType + " (" + instead + "); remove it");
      }
    }
  }
}
