package io.nimo.core.testkit;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.SdkDynamoApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB Local HTTP server on a free loopback port, in this JVM, in memory. Used as the
 * source and as the DynamoDB-API target (standing in for PolarDB's endpoint) in tests.
 */
public final class DynamoLocal implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;
  private DynamoDbClient client;

  private DynamoLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static DynamoLocal start() {
    int port = freePort();
    try {
      DynamoDBProxyServer s =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {
                "-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"
              });
      s.start();
      return new DynamoLocal(s, port);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start DynamoDB Local on port " + port, e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A shared SDK client for test set-up and assertions. */
  public synchronized DynamoDbClient client() {
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  public DynamoDbClient newClient() {
    return client(endpoint());
  }

  /**
   * An SDK client of any DynamoDB-API endpoint with the test credentials (the caller closes it).
   */
  public static DynamoDbClient client(String endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  /** A fresh {@link DynamoClient} on this server (the caller closes it). */
  public DynamoClient api() {
    return new SdkDynamoApi(newClient());
  }

  @Override
  public void close() {
    try {
      if (client != null) {
        client.close();
      }
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
