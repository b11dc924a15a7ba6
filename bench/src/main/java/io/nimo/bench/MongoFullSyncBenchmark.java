package io.nimo.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.nimo.core.convert.ExactBsonConverter;
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
 * <p>Usage: {@code MongoFullSyncBenchmark --source URL --mongo URI --items N --home
 * NimoShake/nimo-shake [--skip-bare true]}
 */
public final class MongoFullSyncBenchmark {
  private static final int SEGMENTS = 8;
  private static final int WRITERS = 4;
  private static final int BATCH = 256;
  private static final ExactBsonConverter EXACT = new ExactBsonConverter("pre");

  private MongoFullSyncBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String source = args.require("source");
    String mongo = args.require("mongo");
    int items = args.getInt("items", 100_000);
    String batch = args.get("batch", "0");
    String writers = args.get("writers", "4");
    Path home = Path.of(args.require("home"));
    Map<String, String> conf =
        Map.of(
            "target.type", "mongodb",
            "target.access_key_id", "",
            "target.secret_access_key", "",
            "full.document.write.batch", batch,
            "full.document.concurrency", writers,
            "id", "bench_nimo",
            "target.db.exist", "drop");
    if (args.get("skip-bare", "false").equals("true")) {
      report(FullSyncBenchmark.runNimo(home, source, mongo, SEGMENTS, conf), items, 0, 0, 0);
      return;
    }
    double scanRate;
    double insertRate;
    double copyRate;
    try (DynamoDbClient src = LocalClients.client(source, SEGMENTS + 2);
        MongoClient client = MongoClients.create(mongo)) {
      // first pass, not measured: collects the documents for the insert ceiling and warms up the
      // freshly seeded server; then the Scan ceiling is a bare Scan, nothing done with the pages
      List<Document> docs = new ArrayList<>(items);
      FullSyncBenchmark.scanSegments(
          src,
          items,
          page -> {
            synchronized (docs) {
              page.forEach(i -> docs.add(EXACT.toTarget(i)));
            }
          });
      scanRate = FullSyncBenchmark.scanSegments(src, items, page -> {});
      insertRate =
          insertAll(indexed(client.getDatabase("bench_bare").getCollection("orders")), docs);
      MongoCollection<Document> copy =
          indexed(client.getDatabase("bench_copy").getCollection("orders"));
      long start = System.nanoTime();
      FullSyncBenchmark.scanSegments(src, items, page -> copyPage(copy, page));
      copyRate = items / FullSyncBenchmark.seconds(start);
    }
    System.out.printf(
        "bare parallel Scan (%d segments, Limit 128): %,.0f items/s%n", SEGMENTS, scanRate);
    System.out.printf(
        "bare insertMany into an indexed collection (%d threads x %d documents, unordered): %,.0f items/s%n",
        WRITERS, BATCH, insertRate);
    System.out.printf(
        "bare copy loop (%d segment threads, each Scan page converted and inserted): %,.0f items/s%n",
        SEGMENTS, copyRate);
    report(
        FullSyncBenchmark.runNimo(home, source, mongo, SEGMENTS, conf),
        items,
        Math.min(scanRate, insertRate),
        copyRate,
        1);
  }

  private static void report(
      FullSyncBenchmark.NimoRun nimo, int items, double ceiling, double copyRate, int bare) {
    System.out.printf(
        "nimo-shake full sync to MongoDB (-Xmx256m): %,.0f items/s in the pipeline, %,.0f items/s "
            + "wall-clock (%d items, exit %d)%n",
        nimo.pipelineRate(), nimo.wallRate(), nimo.written(), nimo.exit());
    System.out.printf(
        "peak RSS of nimo-shake: %d MB, CPU time %.1f s%n",
        nimo.peakRssKb() / 1024, nimo.cpuSeconds());
    if (bare == 1) {
      System.out.printf(
          "ratio nimo / bare copy loop = %.2f (pipeline)%n", nimo.pipelineRate() / copyRate);
      System.out.printf(
          "ratio nimo / min(scan, insert) = %.2f (pipeline), %.2f (wall-clock)%n",
          nimo.pipelineRate() / ceiling, nimo.wallRate() / ceiling);
    }
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
