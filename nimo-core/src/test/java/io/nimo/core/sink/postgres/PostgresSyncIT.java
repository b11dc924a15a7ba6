package io.nimo.core.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.check.CheckJob;
import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.ItemJson;
import io.nimo.core.item.KeySchema;
import io.nimo.core.sync.SyncJob;
import io.nimo.core.sync.hooks.SyncReport;
import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.Jobs;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestConfigs;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local to a real PostgreSQL: full sync, then the stream with a live writer, then a check.
 */
class PostgresSyncIT {
  private static final int ITEMS = 1000;
  @TempDir Path work;

  private static List<String> differences(DynamoLocal source, PostgresLocal pg) throws Exception {
    Map<String, Map<String, AttributeValue>> want = TableContents.read(source.client(), "items");
    Map<String, Map<String, AttributeValue>> have = new HashMap<>();
    KeySchema keys = new KeySchema("id", null);
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        ResultSet r = c.createStatement().executeQuery("select item::text from public.items")) {
      while (r.next()) {
        Map<String, AttributeValue> item = ItemJson.read(r.getString(1));
        have.put(keys.keyOf(item).toString(), item);
      }
    }
    List<String> out = new ArrayList<>();
    want.forEach(
        (k, v) -> {
          Map<String, AttributeValue> got = have.remove(keys.keyOf(v).toString());
          if (got == null || !ItemEquality.equal(got, v)) {
            out.add(ItemJson.write(v));
          }
        });
    have.keySet().forEach(k -> out.add("extra " + k));
    return out;
  }

  @Test
  void fullThenIncrementalWithALiveWriterThenACheck() throws Exception {
    try (DynamoLocal source = DynamoLocal.start();
        PostgresLocal pg = PostgresLocal.start()) {
      TestTables.createHashOnly(source.client(), "items", "id", ScalarAttributeType.S);
      TestTables.seed(source.client(), "items", "id", ITEMS, 4);
      Map<String, String> raw = TestConfigs.shakeRaw(source.endpoint(), "unused", work);
      raw.put("sync_mode", "all");
      raw.put("target.type", "postgresql");
      raw.put("target.address", pg.jdbcUrl());
      raw.put("target.access_key_id", "");
      raw.put("target.secret_access_key", "");
      raw.put("incr.shard_discovery_interval", "500ms");
      raw.put("checkpoint.type", "postgresql");
      LiveWriter writer = new LiveWriter(source.newClient(), "items", ITEMS, 40);
      try (SyncJob job = SyncJob.builder(TestConfigs.shake(raw)).build()) {
        CompletableFuture<SyncReport> run = Jobs.runAsync(job);
        Await.until(
            "the incremental phase", Duration.ofSeconds(60), () -> !job.streamProgress().isEmpty());
        writer.start();
        writer.awaitMore(60);
        writer.stop();
        List<String> diff =
            Await.settle(
                Duration.ofSeconds(60),
                Duration.ofMillis(300),
                () -> differences(source, pg),
                List::isEmpty);
        assertThat(diff).as("PostgreSQL still differs from the source").isEmpty();
        job.stop();
        assertThat(run.get(60, TimeUnit.SECONDS).outcome())
            .isEqualTo(SyncReport.Outcome.INCREMENTAL_STOPPED);
      }
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
          ResultSet r =
              c.createStatement()
                  .executeQuery("select name from \"it-job-checkpoint\" order by name")) {
        List<String> docs = new ArrayList<>();
        while (r.next()) {
          docs.add(r.getString(1));
        }
        assertThat(docs).containsExactly("full.items", "incr.items", "status_table");
        ResultSet marks = c.createStatement().executeQuery("select count(*) from nimo_echo");
        marks.next();
        assertThat(marks.getInt(1))
            .as("write transactions marked for polardb-backsync")
            .isPositive();
      }
      assertThat(writer.ops.get()).isPositive();
      try (CheckJob check =
          CheckJob.builder(TestConfigs.shake(raw)).diffDirectory(work.resolve("diff")).build()) {
        assertThat(check.run().consistent()).isTrue();
      }
    }
  }
}
