package io.nimo.bench;

import io.nimo.core.check.CheckJob;
import io.nimo.core.check.CheckMode;
import io.nimo.core.check.CheckReport;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.KeySchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The cutover check's cost: a bare double scan (both sides scanned in parallel segments, compared
 * in memory), nimo-full-check's full pass over the same two tables, and {@code mode = changed}
 * after N and 4N changes, all in one process against the same servers. Usage: {@code
 * ChangedCheckBenchmark --source URL --target URL --items M --changes N [--segments 4]}; the source
 * table {@code orders} must be seeded (SampleData); it is copied to the target here.
 */
public final class ChangedCheckBenchmark {
  private ChangedCheckBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String src = args.require("source");
    String dst = args.require("target");
    int items = args.getInt("items", 200_000);
    int changes = args.getInt("changes", 1000);
    int segments = args.getInt("segments", 4);
    Path work = Files.createTempDirectory("nimo-changed-bench");
    try (DynamoDbClient s = LocalClients.client(src, segments + 4);
        DynamoDbClient t = LocalClients.client(dst, segments + 4)) {
      copy(s, t, segments);
      s.updateTable(
          b ->
              b.tableName("orders")
                  .streamSpecification(
                      x ->
                          x.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
      Configuration conf = conf(src, dst, segments);
      double bare = seconds(() -> bareDoubleScan(s, t, segments));
      double full = seconds(() -> expectConsistent(check(conf, CheckMode.FULL, work)));
      double bareAfter = seconds(() -> bareDoubleScan(s, t, segments));
      double bareMean = (bare + bareAfter) / 2;
      change(s, t, 0, changes);
      double small = seconds(() -> expectConsistent(check(conf, CheckMode.CHANGED, work)));
      change(s, t, changes, 4 * changes);
      double large = seconds(() -> expectConsistent(check(conf, CheckMode.CHANGED, work)));
      System.out.printf(
          "items=%d changes=%d segments=%d%n"
              + "bare double scan: %.2f s, %.2f s (mean %.2f s, %.0f items/s)%n"
              + "full check:       %.2f s (%.0f items/s)  ratio to the bare pass: %.2f (goal >= 0.8)%n"
              + "changed, N=%d:    %.2f s  ratio to full: %.4f, to the bare pass: %.4f%n"
              + "changed, N=%d:    %.2f s  ratio to full: %.4f; 4x the changes took %.2fx the time%n",
          items,
          changes,
          segments,
          bare,
          bareAfter,
          bareMean,
          items / bareMean,
          full,
          items / full,
          bareMean / full,
          changes,
          small,
          small / full,
          small / bareMean,
          4 * changes,
          large,
          large / full,
          large / small);
    }
  }

  private static Configuration conf(String src, String dst, int segments) {
    Map<String, String> raw = new HashMap<>();
    raw.put("source.endpoint_url", src);
    raw.put("source.access_key_id", "bench");
    raw.put("source.secret_access_key", "bench-secret");
    raw.put("source.region", "us-east-1");
    raw.put("target.type", "dynamodb");
    raw.put("target.address", dst);
    raw.put("target.access_key_id", "bench");
    raw.put("target.secret_access_key", "bench-secret");
    raw.put("full.read.concurrency", String.valueOf(segments));
    return Configuration.of(ShakeOptions.ALL, raw);
  }

  private static CheckReport check(Configuration conf, CheckMode mode, Path work) {
    try (CheckJob job =
        CheckJob.builder(conf)
            .mode(mode)
            .diffDirectory(work.resolve("diff-" + System.nanoTime()))
            .stateDirectory(work.resolve("state"))
            .build()) {
      return job.run();
    }
  }

  private static void expectConsistent(CheckReport r) {
    if (!r.consistent()) {
      throw new IllegalStateException("the check found differences: " + r);
    }
  }

  /** Puts the same changed item on both sides, as a caught-up sync would. */
  private static void change(DynamoDbClient s, DynamoDbClient t, int from, int to) {
    List<Map<String, AttributeValue>> page = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        s.scanPaginator(b -> b.tableName("orders").limit(1000)).items()) {
      if (page.size() == to - from) {
        break;
      }
      Map<String, AttributeValue> changed = new HashMap<>(item);
      changed.put("bench_round", AttributeValue.fromN(String.valueOf(to)));
      page.add(changed);
    }
    for (DynamoDbClient c : List.of(s, t)) {
      for (int i = 0; i < page.size(); i += 25) {
        List<WriteRequest> batch = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.subList(i, Math.min(page.size(), i + 25))) {
          batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        BatchWrites.writeAll(c, "orders", batch);
      }
    }
  }

  private static void copy(DynamoDbClient s, DynamoDbClient t, int segments) throws Exception {
    if (!t.listTables().tableNames().contains("orders")) {
      SampleData.createOrders(t, "orders");
    }
    List<Map<String, AttributeValue>> all = new ArrayList<>(scan(s, segments).values());
    for (int i = 0; i < all.size(); i += 25) {
      List<WriteRequest> batch = new ArrayList<>();
      for (Map<String, AttributeValue> item : all.subList(i, Math.min(all.size(), i + 25))) {
        batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      }
      BatchWrites.writeAll(t, "orders", batch);
    }
  }

  private static void bareDoubleScan(DynamoDbClient s, DynamoDbClient t, int segments)
      throws Exception {
    Map<String, Map<String, AttributeValue>> source = scan(s, segments);
    Map<String, Map<String, AttributeValue>> target = scan(t, segments);
    long diffs = 0;
    for (Map.Entry<String, Map<String, AttributeValue>> e : source.entrySet()) {
      Map<String, AttributeValue> other = target.remove(e.getKey());
      if (other == null || !ItemEquality.equal(e.getValue(), other)) {
        diffs++;
      }
    }
    diffs += target.size();
    if (diffs > 0) {
      throw new IllegalStateException("the bare pass found " + diffs + " difference(s)");
    }
  }

  private static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient c, int segments)
      throws Exception {
    KeySchema keys = new KeySchema("pk", "sk");
    Map<String, Map<String, AttributeValue>> out = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(segments);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int seg = 0; seg < segments; seg++) {
        int segment = seg;
        parts.add(
            pool.submit(
                () ->
                    c.scanPaginator(
                            b ->
                                b.tableName("orders")
                                    .consistentRead(true)
                                    .segment(segment)
                                    .totalSegments(segments))
                        .items()
                        .forEach(i -> out.put(keys.keyOf(i).toString(), i))));
      }
      for (Future<?> f : parts) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private interface Body {
    void run() throws Exception;
  }

  private static double seconds(Body body) throws Exception {
    long start = System.nanoTime();
    body.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
