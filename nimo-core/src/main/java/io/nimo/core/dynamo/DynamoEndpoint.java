package io.nimo.core.dynamo;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * How to reach a DynamoDB-API endpoint, with which credentials (see {@link DynamoCredentials}).
 *
 * @param endpoint endpoint URL, or empty for the region's AWS endpoint
 * @param region region name, or empty for the SDK's default region chain
 * @param credentials where the credentials come from
 * @param maxRetries SDK-level retries per call (nimo retries on top, with a time budget)
 * @param callTimeout timeout of one API call; zero for none
 * @param maxConnections HTTP connection pool size
 */
public record DynamoEndpoint(
    String endpoint,
    String region,
    DynamoCredentials credentials,
    int maxRetries,
    Duration callTimeout,
    int maxConnections) {

  /**
   * The source endpoint as the {@code source.*} keys of a nimo-shake configuration describe it.
   *
   * @param maxConnections HTTP connection pool size
   */
  public static DynamoEndpoint source(io.nimo.core.config.Configuration c, int maxConnections) {
    return new DynamoEndpoint(
        c.get(io.nimo.core.config.SourceOptions.SOURCE_ENDPOINT),
        c.get(io.nimo.core.config.SourceOptions.SOURCE_REGION),
        DynamoCredentials.source(c),
        c.get(io.nimo.core.config.SourceOptions.SOURCE_MAX_RETRIES),
        Duration.ofMillis(c.get(io.nimo.core.config.SourceOptions.SOURCE_TIMEOUT)),
        maxConnections);
  }

  /**
   * Builds the SDK client; no network I/O happens until the first call.
   *
   * @return the SDK client
   */
  public DynamoDbClient buildClient() {
    return configure(DynamoDbClient.builder()).build();
  }

  /** The endpoint behind nimo's {@link DynamoApi} seam, honouring per-request strong reads. */
  public SdkDynamoApi buildApi() {
    return new SdkDynamoApi(buildClient());
  }

  /**
   * The endpoint behind nimo's {@link DynamoApi} seam, reading as {@code consistency} says.
   *
   * @param consistency what the endpoint makes of per-request strong reads
   */
  public SdkDynamoApi buildApi(ReadConsistency consistency) {
    return new SdkDynamoApi(buildClient(), consistency);
  }

  /** The DynamoDB Streams SDK client of the same endpoint; no network I/O until the first call. */
  public DynamoDbStreamsClient buildStreamsClient() {
    return configure(DynamoDbStreamsClient.builder()).build();
  }

  /**
   * Reaches the endpoint once (one ListTables of one name), without retries and within {@code
   * timeout}, for the start-up pre-flight; the SDK's exception says why it failed ({@link
   * DynamoProbeClassifier} reads it).
   *
   * @param timeout how long the call may take
   */
  public void probe(Duration timeout) {
    DynamoEndpoint once = new DynamoEndpoint(endpoint, region, credentials, 0, timeout, 1);
    try (DynamoDbClient c = once.buildClient()) {
      c.listTables(b -> b.limit(1));
    }
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    builder
        .credentialsProvider(credentials.provider(region))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(maxConnections, 1)))
        .overrideConfiguration(
            o -> {
              o.retryStrategy(b -> b.maxAttempts(Math.max(1, maxRetries + 1)));
              if (!callTimeout.isZero()) {
                o.apiCallAttemptTimeout(callTimeout);
              }
            });
    if (!endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    if (!region.isBlank()) {
      builder.region(Region.of(region));
    } else if (!endpoint.isBlank()) {
      builder.region(Region.US_EAST_1);
    }
    return builder;
  }

  @Override
  public String toString() {
    return "DynamoEndpoint[endpoint="
        + endpoint
        + ", region="
        + region
        + ", credentials="
        + credentials.describe()
        + "]";
  }
}
