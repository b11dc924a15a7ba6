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
}
