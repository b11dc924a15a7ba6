package io.nimo.core.sink.mongo;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.testkit.MongoLocal;
import io.nimo.core.testkit.TargetContract;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MongoDB target passes the target contract on a MongoDB wire-protocol server. */
class MongoTargetContractIT extends TargetContract {
  private static final AtomicInteger DBS = new AtomicInteger();
  private static MongoLocal mongo;

  @BeforeAll
  static void start() {
    mongo = MongoLocal.start();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @Override
  protected TargetSession openSession() {
    Configuration c =
        Configuration.of(
            ShakeOptions.ALL,
            Map.of(
                "target.type",
                "mongodb",
                "target.address",
                mongo.uri(),
                "id",
                "contract" + DBS.incrementAndGet(),
                "retry.budget",
                "5s"));
    MongoTargetProvider provider = new MongoTargetProvider();
    provider.validate(c);
    return provider.open(c, Timing.SYSTEM);
  }
}
