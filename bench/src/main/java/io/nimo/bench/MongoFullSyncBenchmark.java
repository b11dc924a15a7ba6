package io.nimo.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.nimo.core.convert.ExactBsonConverter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB to MongoDB full-sync throughput on the same local servers, in one run: the bare ceilings
 * (a minimal parallel Scan loop; a minimal insertMany loop of the same documents with nimo's writer
 * count and batch size; a minimal copy loop, each Scan page converted and inserted) and nimo-shake
 * from the tarball under {@code -Xmx256m} with its peak RSS. Prints items/s and the ratio nimo /
 * min(scan, insert).
 *
 * <p>DynamoDB Local keeps getting faster over the first passes (its JIT) and varies from pass to
 * pass, so the Scan ceiling is measured before and after every nimo-shake run ({@code --rounds}
 * runs, each with a job id of its own) and each run is compared with the mean of the two Scans
 * around it; the insert ceiling is measured after an unmeasured warm-up insert.
 *
 * <p>With {@code --source-rtt MS} the source is reached through a {@link CapacityProxy} that adds
 * that round-trip time to every call (no capacity cap), as when DynamoDB is in another cloud than
 * the migration host and MongoDB: the bare loops and nimo-shake all go through it.
 *
 * <p>Usage: {@code MongoFullSyncBenchmark --source URL --mongo URI --items N --home
 * NimoShake/nimo-shake [--rounds 2] [--source-rtt 0] [--skip-bare true]}
 */
public final class MongoFullSyncBenchmark {
  private static final int SEGMENTS = 8;
  private static final int WRITERS = 4;
  private static final int BATCH = 256;
  private static final ExactBsonConverter EXACT = new ExactBsonConverter("pre");

  private MongoFullSyncBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int rtt = args.getInt("source-rtt", 0);
    if (rtt <= 0) {
      run(args, args.require("source"));
      return;
    }
    try (CapacityProxy proxy =
        new CapacityProxy(URI.create(args.require("source")), rtt, 1e12, 1e12)) {
      System.out.printf("source behind a proxy adding %d ms per call%n", rtt);
      run(args, proxy.start());
    }
  }

  private static void run(Args args, String source) throws Exception {
    String mongo = args.require("mongo");
    int items = args.getInt("items", 100_000);
    int rounds = args.getInt("rounds", 2);
    Path home = Path.of(args.require("home"));
    Map<String, String> conf =
        Map.of(
            "target.type", "mongodb",
            "target.access_key_id", "",
            "target.secret_access_key", "",
            "full.document.write.batch", args.get("batch", "0"),
            "full.document.concurrency", args.get("writers", "4"),
            "target.db.exist", "drop");
    if (args.get("skip-bare", "false").equals("true")) {
      report(nimo(home, source, mongo, conf, "bench_nimo"), items);
      return;
    }
    try (DynamoDbClient src = LocalClients.client(source, SEGMENTS + 2);
        MongoClient client = MongoClients.create(mongo)) {
      // first pass, not measured: collects the documents for the insert ceiling and warms up the
      // freshly seeded server; a Scan ceiling is a bare Scan, nothing done with the pages
      List<Document> docs = new ArrayList<>(items);
      FullSyncBenchmark.scanSegments(
          src,
          items,
          page -> {
            synchronized (docs) {
              page.forEach(i -> docs.add(EXACT.toTarget(i)));
            }
          });
      insertAll(indexed(client.getDatabase("bench_warmup").getCollection("orders")), docs);
      client.getDatabase("bench_warmup").drop();
      double insertRate =
          insertAll(indexed(client.getDatabase("bench_bare").getCollection("orders")), docs);
      client.getDatabase("bench_bare").drop();
      docs.clear();
      MongoCollection<Document> copy =
          indexed(client.getDatabase("bench_copy").getCollection("orders"));
      long start = System.nanoTime();
      FullSyncBenchmark.scanSegments(src, items, page -> copyPage(copy, page));
      double copyRate = items / FullSyncBenchmark.seconds(start);
      client.getDatabase("bench_copy").drop();
      System.out.printf(
          "bare insertMany into an indexed collection (%d threads x %d documents, unordered): %,.0f items/s%n",
          WRITERS, BATCH, insertRate);
      System.out.printf(
          "bare copy loop (%d segment threads, each Scan page converted and inserted): %,.0f items/s%n",
          SEGMENTS, copyRate);
      double scanBefore = scan(src, items);
      double[] ratios = new double[rounds];
      for (int r = 1; r <= rounds; r++) {
        FullSyncBenchmark.NimoRun run = nimo(home, source, mongo, conf, "bench_nimo_" + r);
        client.getDatabase("bench_nimo_" + r).drop();
        double scanAfter = scan(src, items);
        double ceiling = Math.min((scanBefore + scanAfter) / 2, insertRate);
        ratios[r - 1] = run.pipelineRate() / ceiling;
        report(run, items);
        System.out.printf(
            "round %d: ratio nimo / min(scan, insert) = %.2f (pipeline), %.2f (wall-clock); "
                + "nimo / bare copy loop = %.2f%n",
            r, ratios[r - 1], run.wallRate() / ceiling, run.pipelineRate() / copyRate);
        scanBefore = scanAfter;
      }
      System.out.printf(
          "median ratio nimo / min(scan, insert) over %d rounds = %.2f%n",
          rounds, BenchUtil.median(ratios));
    }
  }

  private static double scan(DynamoDbClient src, int items) throws Exception {
    double rate = FullSyncBenchmark.scanSegments(src, items, page -> {});
    System.out.printf(
        "bare parallel Scan (%d segments, Limit 128): %,.0f items/s%n", SEGMENTS, rate);
    return rate;
  }

  private static FullSyncBenchmark.NimoRun nimo(
      Path home, String source, String mongo, Map<String, String> conf, String id)
      throws Exception {
    Map<String, String> withId = new java.util.HashMap<>(conf);
    withId.put("id", id);
    return FullSyncBenchmark.runNimo(home, source, mongo, SEGMENTS, withId);
  }

  private static void report(FullSyncBenchmark.NimoRun nimo, int items) {
    System.out.printf(
        "nimo-shake full sync to MongoDB (-Xmx256m): %,.0f items/s in the pipeline, %,.0f items/s "
            + "wall-clock (%d items, exit %d)%n",
        nimo.pipelineRate(), nimo.wallRate(), nimo.written(), nimo.exit());
    System.out.printf(
        "peak RSS of nimo-shake: %d MB, CPU time %.1f s%n",
        nimo.peakRssKb() / 1024, nimo.cpuSeconds());
    if (nimo.exit() != 0 || nimo.written() != items) {
      System.out.println("FAILED: nimo-shake did not copy every item");
      System.exit(1);
    }
  }

  /**
   * The indexes nimo gives the orders table (unique primary key, hashed partition key, the GSI):
   * the same work per insert as nimo's.
   */
  private static MongoCollection<Document> indexed(MongoCollection<Document> coll) {
    coll.createIndex(Indexes.ascending("pk", "sk"), new IndexOptions().unique(true));
    coll.createIndex(Indexes.hashed("pk"));
    coll.createIndex(Indexes.ascending("status", "sk"));
    return coll;
  }

  private static double insertAll(MongoCollection<Document> coll, List<Document> docs)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < docs.size(); i += BATCH) {
      List<Document> batch = docs.subList(i, Math.min(docs.size(), i + BATCH));
      futures.add(
          pool.submit(() -> coll.insertMany(batch, new InsertManyOptions().ordered(false))));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return docs.size() / FullSyncBenchmark.seconds(start);
  }

  private static void copyPage(
      MongoCollection<Document> coll, List<Map<String, AttributeValue>> page) {
    if (page.isEmpty()) {
      return;
    }
    List<Document> docs = new ArrayList<>(page.size());
    page.forEach(i -> docs.add(EXACT.toTarget(i)));
    coll.insertMany(docs, new InsertManyOptions().ordered(false));
  }
}
