package io.nimo.core.checkpoint.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.retry.Timing;
import io.nimo.core.testkit.CheckpointStoreContract;
import io.nimo.core.testkit.MongoLocal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MongoDB checkpoint store passes the store contract on a MongoDB wire-protocol server. */
class MongoCheckpointStoreContractIT extends CheckpointStoreContract {
  private static final AtomicInteger DBS = new AtomicInteger();
  private static MongoLocal mongo;
  private String db;

  @BeforeAll
  static void start() {
    mongo = MongoLocal.start();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @BeforeEach
  void freshDatabase() {
    db = "job" + DBS.incrementAndGet() + "-checkpoint";
  }

  @Override
  protected CheckpointStore openStore() {
    Configuration c =
        Configuration.of(
            ShakeOptions.ALL,
            Map.of(
                "target.type",
                "mongodb",
                "target.address",
                mongo.uri(),
                "checkpoint.type",
                "mongodb",
                "checkpoint.db",
                db));
    return new MongoCheckpointStoreProvider().open(c, Timing.SYSTEM);
  }

  @Test
  void keepsTheOriginalStatusTableCollectionWithReadableFields() {
    try (CheckpointStore store = openStore()) {
      store.load("job-a");
      store.save(new JobState.Delta.PhaseChanged(JobState.Phase.INCR_SYNC));
    }
    Document status = mongo.client().getDatabase(db).getCollection("status_table").find().first();
    assertThat(status).isNotNull();
    assertThat(status.toJson()).contains("job-a").contains("format_version");
  }
}
