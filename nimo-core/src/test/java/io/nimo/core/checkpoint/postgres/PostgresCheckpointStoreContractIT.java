package io.nimo.core.checkpoint.postgres;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.retry.Timing;
import io.nimo.core.testkit.CheckpointStoreContract;
import io.nimo.core.testkit.PostgresLocal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The PostgreSQL checkpoint store passes the store contract on a real PostgreSQL. */
class PostgresCheckpointStoreContractIT extends CheckpointStoreContract {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static PostgresLocal pg;
  private String table;

  @BeforeAll
  static void start() {
    pg = PostgresLocal.start();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @BeforeEach
  void freshTable() {
    table = "job" + TABLES.incrementAndGet() + "-checkpoint";
  }

  @Override
  protected CheckpointStore openStore() {
    Configuration c =
        Configuration.of(
            ShakeOptions.ALL,
            Map.of(
                "target.type",
                "postgresql",
                "target.address",
                pg.jdbcUrl(),
                "checkpoint.type",
                "postgresql",
                "checkpoint.db",
                table));
    return new PostgresCheckpointStoreProvider().open(c, Timing.SYSTEM);
  }
}
