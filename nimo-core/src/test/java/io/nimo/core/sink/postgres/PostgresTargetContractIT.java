package io.nimo.core.sink.postgres;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.TargetProviders;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TargetContract;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL target passes the target contract on a real PostgreSQL. */
class PostgresTargetContractIT extends TargetContract {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static PostgresLocal pg;

  @BeforeAll
  static void start() {
    pg = PostgresLocal.start();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Override
  protected TargetSession openSession() {
    Configuration c =
        Configuration.of(
            ShakeOptions.ALL,
            Map.of(
                "target.type", "postgresql",
                "target.address", pg.jdbcUrl(),
                "retry.budget", "5s"));
    return TargetProviders.validated(c).open(c, Timing.SYSTEM);
  }

  /** jsonb cannot hold a NUL character, which a DynamoDB string may contain. */
  @Override
  protected Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>
      refusedItem() {
    return Map.of(
        "pk", io.nimo.core.testkit.TestItems.s("nul-char"),
        "sk", io.nimo.core.testkit.TestItems.n("1"),
        "text", io.nimo.core.testkit.TestItems.s("a\u0000b"));
  }
}
