package io.nimo.core.dynamo;

import io.nimo.core.config.ConfigOption;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.config.TargetAccessOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Where a side's AWS credentials come from: static keys (with an optional session token), else a
 * named profile of the shared config files, else the SDK's default chain; then, when a role is
 * given, an STS AssumeRole with those credentials (and the external id the role's trust policy asks
 * for), refreshed before it expires.
 *
 * @param accessKeyId static access key, or empty
 * @param secretAccessKey static secret, or empty
 * @param sessionToken STS session token for the static keys, or empty
 * @param profile profile name of ~/.aws/config and ~/.aws/credentials, or empty
 * @param roleArn role to assume, or empty
 * @param externalId external id of the AssumeRole call, or empty
 */
public record DynamoCredentials(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    String profile,
    String roleArn,
    String externalId) {
  private static final String SESSION_NAME = "nimo";

  /**
   * Static keys only (tests, DynamoDB-compatible endpoints).
   *
   * @param accessKeyId the access key, or empty for the default chain
   * @param secretAccessKey the secret
   * @return the credentials
   */
  public static DynamoCredentials ofKeys(String accessKeyId, String secretAccessKey) {
    return new DynamoCredentials(accessKeyId, secretAccessKey, "", "", "", "");
  }

  /**
   * The source's credentials ({@code source.*} keys).
   *
   * @return the credentials
   */
  public static DynamoCredentials source(Configuration c) {
    return new DynamoCredentials(
        c.get(SourceOptions.SOURCE_AK),
        c.get(SourceOptions.SOURCE_SK),
        c.get(SourceOptions.SOURCE_TOKEN),
        optional(c, SourceOptions.SOURCE_PROFILE),
        optional(c, SourceOptions.SOURCE_ROLE_ARN),
        optional(c, SourceOptions.SOURCE_EXTERNAL_ID));
  }

  /**
   * The target's credentials ({@code target.*} keys).
   *
   * @return the credentials
   */
  public static DynamoCredentials target(Configuration c) {
    return new DynamoCredentials(
        c.get(TargetAccessOptions.TARGET_AK),
        c.get(TargetAccessOptions.TARGET_SK),
        "",
        optional(c, TargetAccessOptions.TARGET_PROFILE),
        optional(c, TargetAccessOptions.TARGET_ROLE_ARN),
        optional(c, TargetAccessOptions.TARGET_EXTERNAL_ID));
  }

  private static String optional(Configuration c, ConfigOption<String> option) {
    return c.declared().contains(option) ? c.get(option) : "";
  }

  /**
   * The SDK provider these settings describe; no network I/O until credentials are first resolved.
   *
   * @param region the region STS is called in (empty: the SDK's default region chain)
   * @return the provider
   */
  public AwsCredentialsProvider provider(String region) {
    return provider(region, null);
  }

  /**
   * As {@link #provider(String)}, with STS at {@code stsEndpoint} when not {@code null} (tests).
   */
  AwsCredentialsProvider provider(String region, java.net.URI stsEndpoint) {
    AwsCredentialsProvider base;
    if (!accessKeyId.isBlank()) {
      base =
          StaticCredentialsProvider.create(
              sessionToken.isBlank()
                  ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                  : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
    } else if (!profile.isBlank()) {
      base = ProfileCredentialsProvider.create(profile);
    } else {
      base = DefaultCredentialsProvider.builder().build();
    }
    if (roleArn.isBlank()) {
      return base;
    }
    var sts = StsClient.builder().credentialsProvider(base);
    if (stsEndpoint != null) {
      sts.endpointOverride(stsEndpoint);
    }
    if (!region.isBlank()) {
      sts.region(Region.of(region));
    }
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts.build())
        .refreshRequest(
            r -> {
              r.roleArn(roleArn).roleSessionName(SESSION_NAME);
              if (!externalId.isBlank()) {
                r.externalId(externalId);
              }
            })
        .build();
  }

  /**
   * How the credentials are obtained, without any secret.
   *
   * @return e.g. {@code "profile prod, then role arn:aws:iam::1:role/x"}
   */
  public String describe() {
    String base =
        !accessKeyId.isBlank()
            ? "static keys"
            : !profile.isBlank() ? "profile " + profile : "default chain";
    return roleArn.isBlank() ? base : base + ", then role " + roleArn;
  }

  @Override
  public String toString() {
    return "DynamoCredentials[" + describe() + "]";
  }
}
