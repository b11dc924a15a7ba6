package io.nimo.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SDK clients for the local DynamoDB servers the bench tools talk to. */
final class LocalClients {
  private LocalClients() {}

  static DynamoDbClient client(String endpoint, int connections) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections))
        .build();
  }

  /** Waits until the endpoint answers ListTables. */
  static void awaitReady(DynamoDbClient c, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        c.listTables();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "DynamoDB endpoint not ready after " + timeout.toSeconds() + " s", e);
        }
        Thread.sleep(200);
      }
    }
  }
}
