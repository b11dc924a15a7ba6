package io.nimo.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Incremental-sync benchmark on local servers: (1) replication lag — a writer makes N changes/s on
 * the source while the packaged nimo-shake ({@code sync_mode = incr}) follows the stream; sampled
 * items are polled on the target and write→visible latency percentiles are printed; (2) catch-up —
 * a backlog of records is applied by nimo-shake and by a bare GetRecords→BatchWriteItem loop on the
 * same stream, and the rates are compared.
 *
 * <p>Usage: {@code IncrLagBenchmark --source URL --target URL --home NimoShake/nimo-shake [--rates
 * 200,1000] [--seconds 20] [--backlog 100000] [--source-rtt MS --target-rtt MS --wcu N]}
 */
public final class IncrLagBenchmark {
  private IncrLagBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String source = args.require("source");
    String target = args.require("target");
    Path home = Path.of(args.require("home"));
    int seconds = args.getInt("seconds", 20);
    int backlog = args.getInt("backlog", 100_000);
    // optional: nimo and the bare loop reach both servers through CapacityProxys (RTT, capacity);
    // the test writer and the poller talk to the servers directly
    int srcRtt = args.getInt("source-rtt", 0);
    int dstRtt = args.getInt("target-rtt", 0);
    double wcu = Double.parseDouble(args.get("wcu", "1e12"));
    CapacityProxy sp = new CapacityProxy(URI.create(source), srcRtt, 1e12, 1e12);
    CapacityProxy tp = new CapacityProxy(URI.create(target), dstRtt, 1e12, wcu);
    String viaSource = sp.start();
    String viaTarget = tp.start();
    System.out.printf(
        "nimo and the bare loop via proxies: source RTT %d ms, target RTT %d ms, %,.0f WCU/s%n",
        srcRtt, dstRtt, wcu);
    try (sp;
        tp;
        DynamoDbClient src = LocalClients.client(source, 16);
        DynamoDbClient dst = LocalClients.client(target, 8);
        DynamoDbClient viaDst = LocalClients.client(viaTarget, 8)) {
      createStreamed(src, "lag");
      Process nimo =
          NimoProcess.start(home, "lag", conf("bench-lag", "lag", viaSource, viaTarget, -1), null);
      awaitTable(dst, "lag");
      lag(src, dst, 100, 5, false);
      for (String r : args.get("rates", "200,1000").split(",")) {
        lag(src, dst, Integer.parseInt(r.trim()), seconds, true);
      }
      NimoProcess.stop(nimo);
      long throttledBefore = tp.throttled.get();
      catchUp(src, viaDst, viaSource, viaTarget, home, backlog);
      System.out.printf(
          "throttled target calls during the catch-up phase (bare loop + nimo): %d%n",
          tp.throttled.get() - throttledBefore);
    }
  }

  private static Map<String, String> conf(
      String id, String table, String source, String target, int incrPort) {
    Map<String, String> v = new java.util.LinkedHashMap<>();
    v.put("id", id);
    v.put("sync_mode", "incr");
    v.put("filter.collection.white", table);
    v.put("source.endpoint_url", source);
    v.put("target.address", target);
    v.put("source.access_key_id", "local");
    v.put("source.secret_access_key", "local");
    v.put("target.access_key_id", "local");
    v.put("target.secret_access_key", "local");
    v.put("full_sync.http_port", "-1");
    v.put("incr_sync.http_port", String.valueOf(incrPort));
    // NIMO_BENCH_CONF="key=value,..." tries other settings on the same run
    for (String kv : System.getenv().getOrDefault("NIMO_BENCH_CONF", "").split(",")) {
      if (kv.contains("=")) {
        v.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
      }
    }
    return v;
  }

  private static void createStreamed(DynamoDbClient c, String table) {
    c.createTable(
        t ->
            t.tableName(table)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(
                    d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
  }

  private static void awaitTable(DynamoDbClient c, String table) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!c.listTables().tableNames().contains(table)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("nimo-shake did not create " + table + " on the target");
      }
      Thread.sleep(200);
    }
  }

  private record Probe(String pk, long writtenNanos) {}

  private static final int PROBERS = 4;

  private static void lag(
      DynamoDbClient src, DynamoDbClient dst, int rate, int seconds, boolean report)
      throws Exception {
    int writers = Math.max(2, rate / 50);
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    int sampleEvery = Math.max(1, rate / 20);
    BlockingQueue<Probe> probes = new ArrayBlockingQueue<>(100_000);
    List<Long> lags = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(writers + PROBERS);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      futures.add(
          pool.submit(
              () -> {
                long interval = TimeUnit.SECONDS.toNanos(1) * writers / rate;
                long next = start;
                for (long i = writer; System.nanoTime() < end; i += writers) {
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                  }
                  next += interval;
                  String pk = "r" + rate + "-" + i;
                  src.putItem(
                      b ->
                          b.tableName("lag")
                              .item(
                                  Map.of(
                                      "pk",
                                      AttributeValue.fromS(pk),
                                      "payload",
                                      AttributeValue.fromS("x".repeat(200)))));
                  written.incrementAndGet();
                  if (i % sampleEvery == 0) {
                    probes.put(new Probe(pk, System.nanoTime()));
                  }
                }
                return null;
              }));
    }
    List<Future<?>> writerFutures = List.copyOf(futures);
    for (int p = 0; p < PROBERS; p++) {
      futures.add(pool.submit(() -> probe(probes, lags, dst, end, writerFutures)));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    if (!report) {
      return;
    }
    List<Long> sorted = new ArrayList<>(lags);
    Collections.sort(sorted);
    double achieved = (double) written.get() / seconds;
    System.out.printf(
        "lag at %d changes/s (%d writer threads, %.0f/s achieved, %d samples): p50 %d ms, p95 %d ms, "
            + "p99 %d ms, max %d ms%n",
        rate,
        writers,
        achieved,
        sorted.size(),
        pct(sorted, 50),
        pct(sorted, 95),
        pct(sorted, 99),
        sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
  }

  /**
   * Takes sampled writes and polls the target until each is visible, recording write-to-visible
   * time.
   */
  private static Void probe(
      BlockingQueue<Probe> probes,
      List<Long> lags,
      DynamoDbClient dst,
      long end,
      List<Future<?>> writers)
      throws InterruptedException {
    while (System.nanoTime() < end + TimeUnit.SECONDS.toNanos(30)) {
      Probe p = probes.poll(200, TimeUnit.MILLISECONDS);
      if (p == null) {
        if (System.nanoTime() > end && writers.stream().allMatch(Future::isDone)) {
          return null;
        }
        continue;
      }
      while (dst.getItem(b -> b.tableName("lag").key(Map.of("pk", AttributeValue.fromS(p.pk()))))
          .item()
          .isEmpty()) {
        Thread.sleep(2);
      }
      lags.add((System.nanoTime() - p.writtenNanos()) / 1_000_000);
    }
    return null;
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.isEmpty()
        ? -1
        : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static void catchUp(
      DynamoDbClient src, DynamoDbClient dst, String source, String target, Path home, int backlog)
      throws Exception {
    createStreamed(src, "backlog");
    long t0 = System.nanoTime();
    writeBacklog(src, backlog);
    System.out.printf(
        "backlog of %d stream records written in %.1f s%n",
        backlog, (System.nanoTime() - t0) / 1e9);
    double bare = bareLoop(src, dst, source, backlog);
    System.out.printf("bare GetRecords(limit 128) -> BatchWriteItem loop: %,.0f records/s%n", bare);
    int port = 19340;
    Process nimo =
        NimoProcess.start(
            home, "backlog", conf("bench-backlog", "backlog", source, target, port), null);
    HttpClient http = HttpClient.newHttpClient();
    long first = 0;
    long applied = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    while (applied < backlog && System.nanoTime() < deadline) {
      Thread.sleep(100);
      applied = recordsWritten(http, port);
      if (applied > 0 && first == 0) {
        first = System.nanoTime();
      }
    }
    double rate = applied / ((System.nanoTime() - first) / 1e9);
    NimoProcess.stop(nimo);
    System.out.printf(
        "nimo-shake catch-up: %d records applied at %,.0f records/s (from its first applied batch)%n",
        applied, rate);
    System.out.printf("catch-up ratio nimo / bare loop = %.2f%n", rate / bare);
  }

  private static void writeBacklog(DynamoDbClient src, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int first = t;
      futures.add(
          pool.submit(
              () -> {
                List<WriteRequest> batch = new ArrayList<>(25);
                for (int i = first; i < count; i += 8) {
                  Map<String, AttributeValue> item =
                      Map.of(
                          "pk",
                          AttributeValue.fromS("b-" + i),
                          "payload",
                          AttributeValue.fromS("x".repeat(200)));
                  batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                  if (batch.size() == 25) {
                    BatchWrites.writeAll(src, "backlog", batch);
                    batch = new ArrayList<>(25);
                  }
                }
                if (!batch.isEmpty()) {
                  BatchWrites.writeAll(src, "backlog", batch);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  /**
   * The simplest follower: one shard at a time, GetRecords then BatchWriteItem of the new images.
   */
  private static double bareLoop(
      DynamoDbClient src, DynamoDbClient dst, String source, int expected) {
    dst.createTable(
        t ->
            t.tableName("backlog_bare")
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(
                    d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST"));
    try (DynamoDbStreamsClient streams =
        DynamoDbStreamsClient.builder()
            .endpointOverride(URI.create(source))
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        "local", "local")))
            .build()) {
      String arn = src.describeTable(b -> b.tableName("backlog")).table().latestStreamArn();
      long start = System.nanoTime();
      long applied = 0;
      for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
        String it =
            streams
                .getShardIterator(
                    b ->
                        b.streamArn(arn).shardId(shard.shardId()).shardIteratorType("TRIM_HORIZON"))
                .shardIterator();
        int empty = 0;
        while (it != null && empty < 3) {
          String current = it;
          var r = streams.getRecords(b -> b.shardIterator(current).limit(128));
          List<WriteRequest> batch = new ArrayList<>(25);
          for (Record rec : r.records()) {
            batch.add(
                WriteRequest.builder().putRequest(p -> p.item(rec.dynamodb().newImage())).build());
            if (batch.size() == 25) {
              BatchWrites.writeAll(dst, "backlog_bare", batch);
              batch = new ArrayList<>(25);
            }
          }
          if (!batch.isEmpty()) {
            BatchWrites.writeAll(dst, "backlog_bare", batch);
          }
          applied += r.records().size();
          empty = r.records().isEmpty() ? empty + 1 : 0;
          it = r.nextShardIterator();
          if (applied >= expected) {
            break;
          }
        }
      }
      return applied / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static long recordsWritten(HttpClient http, int port) {
    try {
      String body =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metric"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = Pattern.compile("\"records_write\":(\\d+)").matcher(body);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (Exception notYet) {
      return 0;
    }
  }
}
