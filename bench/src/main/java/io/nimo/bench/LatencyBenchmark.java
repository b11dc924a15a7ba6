package io.nimo.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Full sync across clouds: the source and the target behind {@link CapacityProxy}s that add a
 * round-trip time and enforce read/write capacity. nimo-shake from the tarball (default settings)
 * next to a bare copy loop with the same concurrency (8 Scan segments, each page written with
 * BatchWriteItem, throttling retried with capped backoff). Prints items/s, the ratio to the
 * capacity cap and the throttled calls.
 *
 * <p>Usage: {@code LatencyBenchmark --source URL --target URL --items N --home NimoShake/nimo-shake
 * --source-rtt 100 --target-rtt 5 --rcu 4000 --wcu 2000}
 */
public final class LatencyBenchmark {
  private LatencyBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int items = a.getInt("items", 50_000);
    int srcRtt = a.getInt("source-rtt", 100);
    int dstRtt = a.getInt("target-rtt", 5);
    double rcu = Double.parseDouble(a.get("rcu", "4000"));
    double wcu = Double.parseDouble(a.get("wcu", "2000"));
    Path home = Path.of(a.require("home"));
    try (CapacityProxy src = new CapacityProxy(URI.create(a.require("source")), srcRtt, rcu, 1e12);
        CapacityProxy dst = new CapacityProxy(URI.create(a.require("target")), dstRtt, 1e12, wcu)) {
      String srcUrl = src.start();
      String dstUrl = dst.start();
      System.out.printf(
          "source RTT %d ms, %,.0f RCU/s; target RTT %d ms, %,.0f WCU/s; %,d items%n",
          srcRtt, rcu, dstRtt, wcu, items);

      Snapshot before = Snapshot.of(src, dst);
      long start = System.nanoTime();
      bareCopy(srcUrl, dstUrl, items);
      double bareRate = items / FullSyncBenchmark.seconds(start);
      Snapshot bare = Snapshot.of(src, dst).minus(before);

      before = Snapshot.of(src, dst);
      Map<String, String> conf = new java.util.LinkedHashMap<>();
      conf.put("target.db.exist", "drop");
      for (String kv : a.get("nimo-conf", "").split(",")) {
        if (kv.contains("=")) {
          conf.put(
              kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
        }
      }
      src.firstScanAnswered.set(0);
      long launched = System.nanoTime();
      FullSyncBenchmark.NimoRun nimo = FullSyncBenchmark.runNimo(home, srcUrl, dstUrl, 8, conf);
      double startup = (src.firstScanAnswered.get() - launched) / 1e9;
      Snapshot run = Snapshot.of(src, dst).minus(before);

      double cap = cap(bare, items, rcu, wcu);
      System.out.printf(
          "capacity cap: %,.0f items/s (%.2f WCU and %.3f RCU per item)%n",
          cap, (double) bare.writeUnits / items, bare.readHalves / 2.0 / items);
      System.out.printf(
          "bare copy loop: %,.0f items/s = %.2f of the cap; %d throttled of %d calls%n",
          bareRate, bareRate / cap, bare.throttled, bare.calls);
      System.out.printf(
          "nimo-shake:     %,.0f items/s = %.2f of the cap (%,.0f wall-clock incl. start-up);"
              + " %d throttled of %d calls; exit %d, %d items; CPU %.1f s%n",
          nimo.pipelineRate(),
          nimo.pipelineRate() / cap,
          nimo.wallRate(),
          run.throttled,
          run.calls,
          nimo.exit(),
          nimo.written(),
          nimo.cpuSeconds());
      System.out.printf("ratio nimo / bare copy loop = %.2f%n", nimo.pipelineRate() / bareRate);
      System.out.printf(
          "start-up: launch of bin/nimo-shake.linux.amd64 -> first Scan page answered: %.2f s"
              + " (%d ms source RTT included)%n",
          startup, srcRtt);
    }
    System.exit(0);
  }

  private static double cap(Snapshot s, int items, double rcu, double wcu) {
    double perItemW = (double) s.writeUnits / items;
    double perItemR = s.readHalves / 2.0 / items;
    return Math.min(wcu / perItemW, rcu / perItemR);
  }

  record Snapshot(long calls, long throttled, long writeUnits, long readHalves) {
    static Snapshot of(CapacityProxy src, CapacityProxy dst) {
      return new Snapshot(
          src.calls.get() + dst.calls.get(),
          src.throttled.get() + dst.throttled.get(),
          dst.writeUnits.get(),
          src.readUnitsHalves.get());
    }

    Snapshot minus(Snapshot o) {
      return new Snapshot(
          calls - o.calls,
          throttled - o.throttled,
          writeUnits - o.writeUnits,
          readHalves - o.readHalves);
    }
  }

  /** 8 Scan segments, each page written as BatchWriteItem calls, throttling retried. */
  private static void bareCopy(String src, String dst, int items) throws Exception {
    try (DynamoDbClient s = LocalClients.client(src, 10);
        DynamoDbClient d = LocalClients.client(dst, 10)) {
      try {
        d.deleteTable(b -> b.tableName("orders_bare"));
      } catch (RuntimeException absent) {
        // first run
      }
      d.createTable(
          t ->
              t.tableName("orders_bare")
                  .billingMode("PAY_PER_REQUEST")
                  .keySchema(
                      k -> k.attributeName("pk").keyType(KeyType.HASH),
                      k -> k.attributeName("sk").keyType(KeyType.RANGE))
                  .attributeDefinitions(
                      x -> x.attributeName("pk").attributeType(ScalarAttributeType.S),
                      x -> x.attributeName("sk").attributeType(ScalarAttributeType.S)));
      AtomicLong written = new AtomicLong();
      FullSyncBenchmark.scanSegments(s, items, page -> write(d, page, written));
    }
  }

  private static void write(
      DynamoDbClient d, List<Map<String, AttributeValue>> page, AtomicLong n) {
    for (int i = 0; i < page.size(); i += 25) {
      List<WriteRequest> batch = new ArrayList<>();
      for (Map<String, AttributeValue> item : page.subList(i, Math.min(page.size(), i + 25))) {
        batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      }
      Map<String, List<WriteRequest>> left = Map.of("orders_bare", batch);
      for (int attempt = 0; !left.isEmpty(); attempt++) {
        try {
          Map<String, List<WriteRequest>> sending = left;
          left = d.batchWriteItem(b -> b.requestItems(sending)).unprocessedItems();
        } catch (ProvisionedThroughputExceededException e) {
          // retried below
        }
        if (!left.isEmpty()) {
          sleep(ThreadLocalRandom.current().nextLong(Math.min(2000, 50L << Math.min(attempt, 6))));
        }
      }
      n.addAndGet(batch.size());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
