package io.nimo.bench;

import io.nimo.backsync.BackSyncJob;
import io.nimo.backsync.apply.ItemStore;
import io.nimo.backsync.apply.ItemStoreFactory;
import io.nimo.backsync.apply.SdkItemStoreFactory;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.config.MainArgs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * PostgreSQL commit → visible in DynamoDB, polardb-backsync (the Flink job, in-process) next to a
 * bare pgoutput → BatchWriteItem loop on the same servers: lag percentiles at a steady change rate
 * (one change per transaction) and the sustained rate on a burst of distinct keys. Lag runs from
 * just before COMMIT to the return of the BatchWriteItem that wrote the change.
 */
public final class BackSyncLagBenchmark {
  /** What the store of the running phase saw; static so the Flink job's copy reaches it. */
  static final List<Long> LAGS = Collections.synchronizedList(new ArrayList<>());

  static final Set<String> APPLIED = ConcurrentHashMap.newKeySet();
  static final AtomicLong LAST_APPLIED = new AtomicLong();

  private BackSyncLagBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    String bareDdb = a.require("ddb1");
    String nimoDdb = a.require("ddb2");
    int rate = a.getInt("rate", 200);
    int seconds = a.getInt("seconds", 20);
    int burst = a.getInt("burst", 20000);
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      exec(
          url,
          "create table orders (pk text primary key, item jsonb not null)",
          "create publication bench_pub for table orders");
      createTable(bareDdb);
      createTable(nimoDdb);

      exec(url, "select pg_create_logical_replication_slot('bare_slot', 'pgoutput')");
      PgOutputBareLoop bare =
          new PgOutputBareLoop(url, "bare_slot", "bench_pub", "orders", recording(store(bareDdb)));
      Thread loop = new Thread(bare, "bare-loop");
      loop.start();
      Result bareResult = measure(url, "bare", rate, seconds, burst);
      bare.stop();
      loop.join();
      exec(url, "select pg_drop_replication_slot('bare_slot')");

      exec(url, "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      Map<String, String> yaml = new LinkedHashMap<>();
      yaml.put("source.hostname", "127.0.0.1");
      yaml.put("source.port", String.valueOf(pg.getPort()));
      yaml.put("source.database", "postgres");
      yaml.put("source.publication", "bench_pub");
      yaml.put("target.endpoint", nimoDdb);
      yaml.put("target.region", "us-east-1");
      BackSyncOptions o =
          BackSyncOptions.of(
              yaml,
              MainArgs.parse(
                  new String[] {
                    "--polardbusername",
                    "postgres",
                    "--dynamodbak",
                    "bench",
                    "--dynamodbsk",
                    "bench"
                  }));
      SdkItemStoreFactory real = new SdkItemStoreFactory(o);
      ItemStoreFactory stores = () -> recording(real.open());
      Configuration conf = new Configuration();
      conf.setString("restart-strategy.type", "none");
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
      io.nimo.backsync.source.Discovery found = io.nimo.backsync.BackSyncMain.discover(o);
      if (!found.problems().isEmpty()) {
        throw new IllegalStateException("layout problems: " + found.problems());
      }
      BackSyncJob.define(env, o, found.layouts(), stores);
      JobClient job = env.executeAsync("backsync-bench");
      Thread.sleep(8000); // the source connects and starts streaming
      Result nimo = measure(url, "polardb-backsync", rate, seconds, burst);
      job.cancel().get();

      System.out.println();
      System.out.printf(
          "backsync lag, %d changes/s for %d s, one change per transaction (ms, commit -> written)%n",
          rate, seconds);
      System.out.printf("  %-18s %8s %8s %8s %8s%n", "", "p50", "p95", "p99", "max");
      print("bare pgoutput loop", bareResult);
      print("polardb-backsync", nimo);
      System.out.printf(
          "sustained, %d distinct keys committed in transactions of 100: bare %.0f changes/s,"
              + " polardb-backsync %.0f changes/s, ratio %.2f%n",
          burst, bareResult.burstRate, nimo.burstRate, nimo.burstRate / bareResult.burstRate);
    }
    System.exit(0);
  }

  record Result(long p50, long p95, long p99, long max, double burstRate) {}

  static void print(String name, Result r) {
    System.out.printf("  %-18s %8d %8d %8d %8d%n", name, r.p50, r.p95, r.p99, r.max);
  }

  static Result measure(String url, String name, int rate, int seconds, int burst)
      throws Exception {
    LAGS.clear();
    APPLIED.clear();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement up =
            c.prepareStatement(
                "insert into orders values (?, ?::jsonb) on conflict (pk) do update set item ="
                    + " excluded.item")) {
      String pad = "x".repeat(200);
      long start = System.nanoTime();
      long total = (long) rate * seconds;
      for (long i = 0; i < total; i++) {
        long due = start + i * 1_000_000_000L / rate;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        String pk = "steady-" + (i % 1000);
        up.setString(1, pk);
        up.setString(2, item(pk, System.currentTimeMillis(), pad));
        up.executeUpdate();
      }
      settle();
      List<Long> lags = new ArrayList<>(LAGS);
      Collections.sort(lags);
      System.out.printf("%s: %d steady changes written, %d applied%n", name, total, lags.size());

      APPLIED.clear();
      c.setAutoCommit(false);
      long first = System.currentTimeMillis();
      for (int i = 0; i < burst; i++) {
        String pk = "burst-" + i;
        up.setString(1, pk);
        up.setString(2, item(pk, System.currentTimeMillis(), pad));
        up.addBatch();
        if (i % 100 == 99) {
          up.executeBatch();
          c.commit();
        }
      }
      up.executeBatch();
      c.commit();
      long deadline = System.currentTimeMillis() + 600_000;
      while (countBurst() < burst && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      double burstRate = countBurst() * 1000.0 / Math.max(1, LAST_APPLIED.get() - first);
      System.out.printf("%s: burst of %d applied at %.0f changes/s%n", name, burst, burstRate);
      return new Result(
          pct(lags, 0.50), pct(lags, 0.95), pct(lags, 0.99), pct(lags, 1.0), burstRate);
    }
  }

  private static long countBurst() {
    return APPLIED.stream().filter(k -> k.startsWith("burst-")).count();
  }

  private static void settle() throws InterruptedException {
    int quiet = 0;
    int last = -1;
    while (quiet < 20) { // 2 s without a new write
      Thread.sleep(100);
      int now = LAGS.size();
      quiet = now == last ? quiet + 1 : 0;
      last = now;
    }
  }

  static long pct(List<Long> sorted, double q) {
    return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * q));
  }

  static String item(String pk, long ts, String pad) {
    return "{\"pk\":{\"S\":\""
        + pk
        + "\"},\"ts\":{\"N\":\""
        + ts
        + "\"},\"pad\":{\"S\":\""
        + pad
        + "\"}}";
  }

  static ItemStore recording(ItemStore store) {
    return new ItemStore() {
      @Override
      public Map<String, List<WriteRequest>> batchWrite(Map<String, List<WriteRequest>> r) {
        Map<String, List<WriteRequest>> left = store.batchWrite(r);
        long now = System.currentTimeMillis();
        Set<WriteRequest> unprocessed = ConcurrentHashMap.newKeySet();
        left.values().forEach(unprocessed::addAll);
        r.values()
            .forEach(
                list ->
                    list.forEach(
                        w -> {
                          if (w.putRequest() != null && !unprocessed.contains(w)) {
                            var item = w.putRequest().item();
                            LAGS.add(now - Long.parseLong(item.get("ts").n()));
                            APPLIED.add(item.get("pk").s());
                          }
                        }));
        LAST_APPLIED.set(now);
        return left;
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  static ItemStore store(String endpoint) {
    var client = LocalClients.client(endpoint, 16);
    return new ItemStore() {
      @Override
      public Map<String, List<WriteRequest>> batchWrite(Map<String, List<WriteRequest>> r) {
        return client.batchWriteItem(b -> b.requestItems(r)).unprocessedItems();
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  static void createTable(String endpoint) {
    try (var c = LocalClients.client(endpoint, 16)) {
      c.createTable(
          t ->
              t.tableName("orders")
                  .billingMode("PAY_PER_REQUEST")
                  .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                  .attributeDefinitions(
                      d -> d.attributeName("pk").attributeType(ScalarAttributeType.S)));
    }
  }

  static void exec(String url, String... sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }
}
