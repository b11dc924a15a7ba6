package io.nimo.core.sink.dynamo;

import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TargetContract;
import io.nimo.core.testkit.TestRetriers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The DynamoDB-API target passes the Target contract against a real DynamoDB Local. */
class DynamoTargetContractIT extends TargetContract {
  private static DynamoLocal server;

  @BeforeAll
  static void start() {
    server = DynamoLocal.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected TargetSession openSession() {
    Retrier retrier = TestRetriers.dynamo(Duration.ofSeconds(30));
    return new DynamoTargetSession(server.api(), retrier, Duration.ofSeconds(30), true);
  }

  /** Over DynamoDB's 400 KB item limit: the endpoint refuses it. */
  @Override
  protected java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>
      refusedItem() {
    return java.util.Map.of(
        "pk", io.nimo.core.testkit.TestItems.s("too-big"),
        "sk", io.nimo.core.testkit.TestItems.n("1"),
        "payload", io.nimo.core.testkit.TestItems.s("x".repeat(401 * 1024)));
  }
}
