package io.nimo.backsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.local.LatestState;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The job is cancelled without a final flush while SQL writes go on, and a new job starts from the
 * last retained checkpoint: nothing is lost, each job applies every key's versions in order, and
 * the slot's confirmed position advanced with the checkpoints.
 */
class CheckpointRestoreIT {
  private static final int KEYS = 10;
  @TempDir Path state;

  @Test
  void restartFromCheckpointLosesNothingAndKeepsPerKeyOrder() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal ddb = DynamoLocal.start()) {
      pg.exec(
          "create table counters (pk text primary key, item jsonb not null)",
          "create publication dbz_publication for all tables",
          "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      String slotAtStart = confirmedLsn(pg);
      DynamoDbClient c = ddb.client();
      TestTables.createHashOnly(c, "counters", "pk", ScalarAttributeType.S);
      BackSyncOptions o = BackSyncHarness.options(BackSyncHarness.yaml(pg, ddb));

      int[] version = new int[KEYS];
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> writerError = new AtomicReference<>();
      java.util.concurrent.atomic.AtomicInteger written =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread writer =
          new Thread(
              () -> {
                try (Connection sql = DriverManager.getConnection(pg.jdbcUrl())) {
                  for (int i = 0; !stop.get(); i++) {
                    int k = i % KEYS;
                    version[k]++;
                    sql.createStatement()
                        .execute(
                            "insert into counters values ('k"
                                + k
                                + "', '{\"pk\":{\"S\":\"k"
                                + k
                                + "\"},\"v\":{\"N\":\""
                                + version[k]
                                + "\"}}') on conflict (pk) do update set item = excluded.item");
                    written.incrementAndGet();
                    Thread.sleep(5);
                  }
                } catch (Throwable t) {
                  writerError.set(t);
                }
              },
              "sql-writer");

      BackSyncHarness.SENT.clear();
      JobClient first = BackSyncHarness.start(o, BackSyncHarness.recording(o), null, state);
      writer.start();
      BackSyncHarness.await(
          "a retained checkpoint",
          Duration.ofSeconds(60),
          () -> LatestState.find(state).isPresent());
      awaitWrites(written, 150); // writes after the checkpoint, lost with the cancelled job
      first.cancel().get(); // no final flush: the buffer since the last checkpoint is dropped
      List<Map<String, List<WriteRequest>>> sentByFirst = new ArrayList<>(BackSyncHarness.SENT);
      BackSyncHarness.SENT.clear();
      awaitWrites(written, 100); // writes go on while no job runs

      Path checkpoint = LatestState.find(state).orElseThrow();
      JobClient second = BackSyncHarness.start(o, BackSyncHarness.recording(o), checkpoint, state);
      try {
        awaitWrites(written, 150); // and after the restore
        stop.set(true);
        writer.join();
        assertThat(writerError.get()).isNull();
        BackSyncHarness.await(
            "every key's last version in DynamoDB",
            Duration.ofSeconds(60),
            () -> {
              for (int k = 0; k < KEYS; k++) {
                String key = "k" + k;
                var item =
                    c.getItem(
                            g ->
                                g.tableName("counters")
                                    .key(Map.of("pk", AttributeValue.fromS(key))))
                        .item();
                if (item.isEmpty()
                    || Integer.parseInt(item.get("v").n())
                        != version[Integer.parseInt(key.substring(1))]) {
                  return false;
                }
              }
              return true;
            });
        assertInOrder(sentByFirst);
        assertInOrder(new ArrayList<>(BackSyncHarness.SENT));
        assertThat(sentByFirst).isNotEmpty();
        assertThat(confirmedLsn(pg)).as("slot position").isNotEqualTo(slotAtStart);
      } finally {
        BackSyncHarness.cancel(second);
      }
    }
  }

  private static void assertInOrder(List<Map<String, List<WriteRequest>>> batches) {
    Map<String, Integer> last = new HashMap<>();
    for (Map<String, List<WriteRequest>> batch : batches) {
      for (WriteRequest w : batch.getOrDefault("counters", List.of())) {
        String k = w.putRequest().item().get("pk").s();
        int v = Integer.parseInt(w.putRequest().item().get("v").n());
        Integer before = last.put(k, v);
        assertThat(before == null || before < v)
            .as("key %s applied %s after %s", k, v, before)
            .isTrue();
      }
    }
  }

  private static String confirmedLsn(PostgresLocal pg) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "select confirmed_flush_lsn::text from pg_replication_slots"
                        + " where slot_name = 'flink_slot'")) {
      r.next();
      return r.getString(1);
    }
  }

  /** Waits until the SQL writer made {@code more} writes beyond those made so far. */
  private static void awaitWrites(java.util.concurrent.atomic.AtomicInteger written, int more)
      throws InterruptedException {
    int wanted = written.get() + more;
    BackSyncHarness.await(
        more + " more SQL writes", Duration.ofMinutes(2), () -> written.get() >= wanted);
  }
}
