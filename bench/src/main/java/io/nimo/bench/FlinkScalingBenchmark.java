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
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How the Flink sync job's full sync compares with nimo-shake and scales with its parallelism when
 * the source, not this machine, is the limit: the source sits behind {@link CapacityProxy}
 * answering every call after a round trip (100 ms by default), so a copy is bound by how many Scan
 * calls are in flight. In one process: one nimo-shake full sync ({@code SyncJob}, {@code
 * full.read.concurrency} segments in flight) as the baseline, run once to warm up and once timed;
 * then the Flink job on a MiniCluster at parallelism 1, 2, 4, 8 over the same table, each reader
 * keeping as many Scan calls in flight as nimo-shake ({@code full.read.calls_per_reader} left at
 * its default). Prints items/s of each (the Flink job's own running time, without the MiniCluster's
 * start), the ratio to nimo-shake, the process's CPU seconds per 10,000 items (the in-process proxy
 * included, the same for every run) and the scaling efficiency per slot (rate at p / (p × rate at
 * 1)).
 *
 * <p>Usage: {@code FlinkScalingBenchmark --source URL --target URL --items N [--rtt 100]
 * [--in-flight 8] [--max-parallelism 8]}
 */
public final class FlinkScalingBenchmark {
  private static final String TABLE = "scale";
  private static final String EMPTY = "scale_empty";

  private FlinkScalingBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int items = args.getInt("items", 20_000);
    int rtt = args.getInt("rtt", 100);
    int inFlight = args.getInt("in-flight", 8);
    int maxParallelism = args.getInt("max-parallelism", 8);
    String target = args.require("target");
    try (DynamoDbClient src = LocalClients.client(args.require("source"), 8);
        DynamoDbClient dst = LocalClients.client(target, 4);
        CapacityProxy proxy =
            new CapacityProxy(URI.create(args.require("source")), rtt, 1e12, 1e12)) {
      SampleData.createOrders(src, TABLE);
      SampleData.write(src, TABLE, items, 8);
      SampleData.createOrders(src, EMPTY);
      String viaProxy = proxy.start();
      Path dir = Files.createTempDirectory("flink-scaling");

      Map<String, String> base = conf(viaProxy, target, dir.resolve("warm"), TABLE);
      base.put("full.read.concurrency", String.valueOf(inFlight));
      runShake(base);
      Map<String, String> empty = new LinkedHashMap<>(base);
      empty.put("filter.collection.white", EMPTY);
      empty.put("checkpoint.address", dir.resolve("empty").toString());
      long shakeFixed = cpuOf(() -> runShake(empty));
      base.put("checkpoint.address", dir.resolve("timed").toString());
      long cpu0 = Cpu.processNanos();
      long t0 = System.nanoTime();
      runShake(base);
      double shake = rate(items, (System.nanoTime() - t0) / 1e9, dst);
      double shakeCpu = perTenThousand(Cpu.processNanos() - cpu0 - shakeFixed, items);
      System.out.printf(
          "nimo-shake (%d Scan calls in flight, %d ms per call): %,.0f items/s, CPU %.2f s per"
              + " 10,000 items (beyond %.2f s for a run over an empty table)%n",
          inFlight, rtt, shake, shakeCpu, shakeFixed / 1e9);

      runFlink(viaProxy, target, dir.resolve("warm-flink"), 1, inFlight, TABLE); // warms the JIT
      double one = 0;
      for (int p = 1; p <= maxParallelism; p *= 2) {
        int parallelism = p;
        long fixed =
            cpuOf(
                () ->
                    runFlink(
                        viaProxy,
                        target,
                        dir.resolve("e" + parallelism),
                        parallelism,
                        inFlight,
                        EMPTY));
        long cpu = Cpu.processNanos();
        JobExecutionResult result =
            runFlink(viaProxy, target, dir.resolve("p" + p), p, inFlight, TABLE);
        double r = rate(items, result.getNetRuntime() / 1e3, dst);
        double perItem = perTenThousand(Cpu.processNanos() - cpu - fixed, items);
        one = p == 1 ? r : one;
        System.out.printf(
            "Flink job, parallelism %d (%d segments, %d calls in flight per reader): %,.0f items/s,"
                + " %.2fx nimo-shake, CPU %.2f s per 10,000 items (%.2fx nimo-shake; beyond %.2f s"
                + " for a job over an empty table), scaling efficiency %.2f%n",
            p,
            ScanPlan.segmentsFor(0, 8, p, inFlight),
            inFlight,
            r,
            r / shake,
            perItem,
            perItem / shakeCpu,
            fixed / 1e9,
            r / (p * one));
      }
    }
  }

  /** Something a run does. */
  private interface Run {
    void run() throws Exception;
  }

  private static long cpuOf(Run run) throws Exception {
    long before = Cpu.processNanos();
    run.run();
    return Cpu.processNanos() - before;
  }

  private static JobExecutionResult runFlink(
      String source, String target, Path dir, int parallelism, int inFlight, String table)
      throws Exception {
    Map<String, String> raw = conf(source, target, dir, table);
    raw.put("full.read.calls_per_reader", String.valueOf(inFlight));
    ShakeConf conf = new ShakeConf(raw);
    var c = ShakeFlinkJob.validate(conf);
    ScanPlan plan = ShakeFlinkJob.plan(c, parallelism);
    ShakeFlinkJob.prepareTargets(c, plan);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
    env.enableCheckpointing(5000);
    ShakeFlinkJob.addTo(env, conf, plan, null);
    return env.execute("flink-scaling-p" + parallelism);
  }

  private static void runShake(Map<String, String> raw) throws Exception {
    try (SyncJob job = SyncJob.builder(Configuration.of(ShakeOptions.ALL, raw)).build()) {
      job.run();
    }
  }

  private static double perTenThousand(long cpuNanos, int items) {
    return cpuNanos / 1e9 * 10_000 / items;
  }

  /** Items/s over {@code seconds}, after checking the target holds every item. */
  private static double rate(int items, double seconds, DynamoDbClient dst) {
    int copied =
        dst.scanPaginator(b -> b.tableName(TABLE).select("COUNT")).stream()
            .mapToInt(r -> r.count())
            .sum();
    if (copied != items) {
      throw new IllegalStateException("target holds " + copied + " of " + items + " items");
    }
    return items / seconds;
  }

  private static Map<String, String> conf(String source, String target, Path dir, String table) {
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
    raw.put("filter.collection.white", table);
    raw.put("qps.full", "100000");
    raw.put("qps.full.batch_num", "100");
    return raw;
  }
}
