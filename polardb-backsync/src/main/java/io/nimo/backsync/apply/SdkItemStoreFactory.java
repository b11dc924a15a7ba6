package io.nimo.backsync.apply;

import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Opens an {@link ItemStore} on the AWS SDK v2 DynamoDB client: the configured region or endpoint,
 * {@code --dynamodbak/--dynamodbsk} or the default credentials chain. The SDK's own retries are
 * off: the writer retries with its budget and knows which key it is writing.
 */
public final class SdkItemStoreFactory implements ItemStoreFactory {
  private static final long serialVersionUID = 1L;

  private final BackSyncOptions options;

  /**
   * A factory.
   *
   * @param options the job options
   */
  public SdkItemStoreFactory(BackSyncOptions options) {
    this.options = options;
  }

  @Override
  public ItemStore open() {
    DynamoDbClient client = client(options);
    return new ItemStore() {
      @Override
      public Map<String, List<WriteRequest>> batchWrite(Map<String, List<WriteRequest>> requests) {
        return client.batchWriteItem(r -> r.requestItems(requests)).unprocessedItems();
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /**
   * A DynamoDB client for the configured target, without the SDK's own retries.
   *
   * @param options the job options
   * @return the client
   */
  static DynamoDbClient client(BackSyncOptions options) {
    String region = options.get(BackSyncKeys.TARGET_REGION);
    String endpoint = options.get(BackSyncKeys.TARGET_ENDPOINT);
    DynamoDbClientBuilder b =
        DynamoDbClient.builder()
            .region(Region.of(region.isEmpty() ? "us-east-1" : region))
            .credentialsProvider(credentials(options))
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(16)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(30)))
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)));
    if (!endpoint.isEmpty()) {
      b.endpointOverride(URI.create(endpoint));
    }
    return b.build();
  }

  private static AwsCredentialsProvider credentials(BackSyncOptions options) {
    if (options.accessKey().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(options.accessKey(), options.secretKey()));
  }
}
