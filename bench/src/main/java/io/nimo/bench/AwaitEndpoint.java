package io.nimo.bench;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Blocks until a DynamoDB endpoint answers. Usage: {@code AwaitEndpoint --endpoint URL}. */
public final class AwaitEndpoint {
  private AwaitEndpoint() {}

  public static void main(String[] argv) throws InterruptedException {
    try (DynamoDbClient c = LocalClients.client(new Args(argv).require("endpoint"), 1)) {
      LocalClients.awaitReady(c, Duration.ofSeconds(60));
    }
  }
}
