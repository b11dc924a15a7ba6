package io.nimo.bench;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.sync.SyncJob;
import io.nimo.flink.ShakeFlinkJob;
import io.nimo.flink.operator.ShakeConf;
import io.nimo.flink.scan.ScanPlan;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How the Flink sync job's full sync scales with its parallelism when the source, not this machine,
 * is the limit: the source sits behind {@link CapacityProxy} answering every call after a round
 * trip (100 ms by default), so a copy is bound by how many Scan calls are in flight. In one
 * process: one nimo-shake full sync ({@code SyncJob}, {@code full.read.concurrency} segments in
 * parallel) as the baseline, then the Flink job on a MiniCluster at parallelism 1, 2, 4, 8 over the
 * same table. Prints items/s of each, the ratio to nimo-shake, and the scaling efficiency per slot
 * (rate at p / (p × rate at 1); goal ≥ 0.8 until the proxy or the CPU caps it).
 *
 * <p>Usage: {@code FlinkScalingBenchmark --source URL --target URL --items N [--rtt 100]
 * [--segments 16] [--baseline-concurrency 8] [--max-parallelism 8]}
 */
public final class FlinkScalingBenchmark {
  private static final String TABLE = "scale";

  private FlinkScalingBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int items = args.getInt("items", 20_000);
    int rtt = args.getInt("rtt", 100);
    int segments = args.getInt("segments", 16);
    int maxParallelism = args.getInt("max-parallelism", 8);
    String target = args.require("target");
    try (DynamoDbClient src = LocalClients.client(args.require("source"), 8);
        DynamoDbClient dst = LocalClients.client(target, 4);
        CapacityProxy proxy =
            new CapacityProxy(URI.create(args.require("source")), rtt, 1e12, 1e12)) {
      SampleData.createOrders(src, TABLE);
      SampleData.write(src, TABLE, items, 8);
      String viaProxy = proxy.start();
      Path dir = Files.createTempDirectory("flink-scaling");

      Map<String, String> base =
          conf(viaProxy, target, dir, args.getInt("baseline-concurrency", 8));
      long t0 = System.nanoTime();
      try (SyncJob job = SyncJob.builder(Configuration.of(ShakeOptions.ALL, base)).build()) {
        job.run();
      }
      double shake = rate(items, t0, dst);
      System.out.printf(
          "nimo-shake (full.read.concurrency %s, %d ms per call): %,.0f items/s%n",
          base.get("full.read.concurrency"), rtt, shake);

      double one = 0;
      for (int p = 1; p <= maxParallelism; p *= 2) {
        ShakeConf conf = new ShakeConf(conf(viaProxy, target, dir.resolve("p" + p), segments));
        var c = ShakeFlinkJob.validate(conf);
        ScanPlan plan = ShakeFlinkJob.plan(c, p);
        ShakeFlinkJob.prepareTargets(c, plan);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(p);
        env.enableCheckpointing(5000);
        ShakeFlinkJob.addTo(env, conf, plan, null);
        long start = System.nanoTime();
        env.execute("flink-scaling-p" + p);
        double r = rate(items, start, dst);
        one = p == 1 ? r : one;
        System.out.printf(
            "Flink job, parallelism %d (%d segments): %,.0f items/s, %.2fx nimo-shake, scaling"
                + " efficiency %.2f%n",
            p, segments, r, r / shake, r / (p * one));
      }
    }
  }

  /** Items/s since {@code start}, after checking the target holds every item. */
  private static double rate(int items, long start, DynamoDbClient dst) {
    double seconds = (System.nanoTime() - start) / 1e9;
    int copied =
        dst.scanPaginator(b -> b.tableName(TABLE).select("COUNT")).stream()
            .mapToInt(r -> r.count())
            .sum();
    if (copied != items) {
      throw new IllegalStateException("target holds " + copied + " of " + items + " items");
    }
    return items / seconds;
  }

  private static Map<String, String> conf(String source, String target, Path dir, int segments) {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("id", "flink-scaling");
    raw.put("sync_mode", "full");
    raw.put("source.endpoint_url", source);
    raw.put("source.access_key_id", "bench");
    raw.put("source.secret_access_key", "bench-secret");
    raw.put("source.region", "us-east-1");
    raw.put("target.type", "polardb");
    raw.put("target.address", target);
    raw.put("target.access_key_id", "bench");
    raw.put("target.secret_access_key", "bench-secret");
    raw.put("target.db.exist", "drop");
    raw.put("checkpoint.address", dir.toString());
    raw.put("full_sync.http_port", "-1");
    raw.put("filter.collection.white", TABLE);
    raw.put("qps.full", "100000");
    raw.put("qps.full.batch_num", "100");
    raw.put("full.read.concurrency", String.valueOf(segments));
    return raw;
  }
}
