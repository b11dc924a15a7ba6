package io.nimo.bench;

import io.nimo.core.item.ItemJson;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB to PostgreSQL full-sync throughput on the same local servers: the bare ceilings (a
 * minimal parallel Scan; COPY of the same rows; batched INSERT ... ON CONFLICT of the same rows; a
 * minimal copy loop, each Scan page upserted as one batch) and nimo-shake from the tarball ({@code
 * target.type = postgresql}, {@code -Xmx256m}). Prints items/s and the ratios.
 *
 * <p>Usage: {@code PostgresFullSyncBenchmark --source URL --items N --home NimoShake/nimo-shake}
 */
public final class PostgresFullSyncBenchmark {
  private static final int SEGMENTS = 8;
  private static final int WRITERS = 4;
  private static final int BATCH = 500;

  private PostgresFullSyncBenchmark() {}

  record Row(String pk, String sk, String json) {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String source = args.require("source");
    int items = args.getInt("items", 100_000);
    Path home = Path.of(args.require("home"));
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
      List<Row> rows = new ArrayList<>(items);
      double scanRate;
      double copyLoopRate;
      try (DynamoDbClient src = LocalClients.client(source, SEGMENTS + 2)) {
        scanRate =
            FullSyncBenchmark.scanSegments(
                src,
                items,
                page -> {
                  List<Row> converted = convert(page);
                  synchronized (rows) {
                    rows.addAll(converted);
                  }
                });
        table(url, "orders_loop");
        long start = System.nanoTime();
        FullSyncBenchmark.scanSegments(
            src, items, page -> upsert(url, "orders_loop", convert(page)));
        copyLoopRate = items / FullSyncBenchmark.seconds(start);
      }
      table(url, "orders_copy");
      double copyRate = parallel(rows, slice -> copy(url, "orders_copy", slice));
      table(url, "orders_insert");
      double insertRate = parallel(rows, slice -> upsert(url, "orders_insert", slice));
      System.out.printf(
          "bare parallel Scan (%d segments, Limit 128): %,.0f items/s%n", SEGMENTS, scanRate);
      System.out.printf(
          "bare COPY (%d connections, CSV) into the same table and index: %,.0f items/s%n",
          WRITERS, copyRate);
      System.out.printf(
          "bare INSERT ... ON CONFLICT (%d connections, batches of %d): %,.0f items/s%n",
          WRITERS, BATCH, insertRate);
      System.out.printf(
          "bare copy loop (%d segment threads, each Scan page upserted as one batch): %,.0f items/s%n",
          SEGMENTS, copyLoopRate);
      FullSyncBenchmark.NimoRun nimo =
          FullSyncBenchmark.runNimo(
              home,
              source,
              pg.getJdbcUrl("postgres", "postgres"),
              SEGMENTS,
              Map.of(
                  "target.type", "postgresql",
                  "target.access_key_id", "",
                  "target.secret_access_key", "",
                  "target.db.exist", "drop"));
      System.out.printf(
          "nimo-shake full sync to PostgreSQL (-Xmx256m): %,.0f items/s in the pipeline, %,.0f"
              + " items/s wall-clock (%d items, exit %d), peak RSS %d MB, CPU %.1f s%n",
          nimo.pipelineRate(),
          nimo.wallRate(),
          nimo.written(),
          nimo.exit(),
          nimo.peakRssKb() / 1024,
          nimo.cpuSeconds());
      double ceiling = Math.min(scanRate, Math.max(copyRate, insertRate));
      System.out.printf(
          "ratio nimo / bare copy loop = %.2f; nimo / min(Scan, max(COPY, INSERT)) = %.2f%n",
          nimo.pipelineRate() / copyLoopRate, nimo.pipelineRate() / ceiling);
      if (nimo.exit() != 0 || nimo.written() != items) {
        System.out.println("FAILED: nimo-shake did not copy every item");
        System.exit(1);
      }
    }
  }

  private static List<Row> convert(List<Map<String, AttributeValue>> page) {
    List<Row> out = new ArrayList<>(page.size());
    for (Map<String, AttributeValue> item : page) {
      out.add(new Row(item.get("pk").s(), item.get("sk").s(), ItemJson.write(item)));
    }
    return out;
  }

  /** The table nimo creates for the sample table: key columns, the item, the GSI's index. */
  private static void table(String url, String name) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "create table "
              + name
              + " (pk text not null, sk text not null, item jsonb not null, primary key (pk, sk))");
      s.execute("create index on " + name + " ((item->'status'->>'S'), (item->'sk'->>'S'))");
    }
  }

  interface Writer {
    void write(List<Row> rows) throws Exception;
  }

  private static double parallel(List<Row> rows, Writer writer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    int slice = (rows.size() + WRITERS - 1) / WRITERS;
    for (int i = 0; i < rows.size(); i += slice) {
      List<Row> part = rows.subList(i, Math.min(rows.size(), i + slice));
      futures.add(
          pool.submit(
              () -> {
                for (int j = 0; j < part.size(); j += BATCH) {
                  writer.write(part.subList(j, Math.min(part.size(), j + BATCH)));
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return rows.size() / FullSyncBenchmark.seconds(start);
  }

  private static void copy(String url, String table, List<Row> rows) throws Exception {
    StringBuilder csv = new StringBuilder();
    for (Row r : rows) {
      csv.append(quote(r.pk())).append(',').append(quote(r.sk())).append(',');
      csv.append(quote(r.json())).append('\n');
    }
    try (Connection c = DriverManager.getConnection(url, new Properties())) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY " + table + " (pk, sk, item) FROM STDIN (FORMAT csv)",
              new StringReader(csv.toString()));
    }
  }

  private static String quote(String v) {
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  private static void upsert(String url, String table, List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s =
            c.prepareStatement(
                "insert into "
                    + table
                    + " (pk, sk, item) values (?, ?, ?::jsonb) on conflict (pk, sk) do update"
                    + " set item = excluded.item")) {
      c.setAutoCommit(false);
      for (Row r : rows) {
        s.setString(1, r.pk());
        s.setString(2, r.sk());
        s.setString(3, r.json());
        s.addBatch();
      }
      s.executeBatch();
      c.commit();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
