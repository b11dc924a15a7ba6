package io.nimo.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Full-sync throughput against the same local servers, in one run: (a) the bare ceilings — a
 * minimal parallel Scan loop and a minimal BatchWriteItem loop with nimo's concurrency — and (b)
 * nimo-shake from the unpacked tarball as a process under {@code -Xmx256m}, with its peak RSS.
 * Prints items/s for each and the ratio nimo / min(scan, write).
 *
 * <p>Usage: {@code FullSyncBenchmark --source URL --target URL --items N --home
 * NimoShake/nimo-shake}
 */
public final class FullSyncBenchmark {
  private static final int SEGMENTS = 8;
  private static final int WRITERS = 4;
  private static final int PAGE = 128;

  private FullSyncBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String source = args.require("source");
    String target = args.require("target");
    int items = args.getInt("items", 100_000);
    Path home = Path.of(args.require("home"));
    if (args.get("skip-bare", "false").equals("true")) {
      NimoRun nimo = runNimo(home, source, target, args.getInt("segments", SEGMENTS));
      System.out.printf(
          "nimo-shake full sync (-Xmx256m): %,.0f items/s in the pipeline, %,.0f items/s wall-clock "
              + "(%d items, exit %d); peak RSS %d MB, CPU time %.1f s%n",
          nimo.pipelineRate,
          nimo.wallRate,
          nimo.written,
          nimo.exit,
          nimo.peakRssKb / 1024,
          nimo.cpuSeconds);
      System.exit(nimo.exit == 0 && nimo.written == items ? 0 : 1);
    }
    double scanRate;
    double writeRate;
    double copyRate;
    try (DynamoDbClient src = LocalClients.client(source, SEGMENTS + 2);
        DynamoDbClient dst = LocalClients.client(target, WRITERS + 2)) {
      scanRate = bareScan(src, items);
      SampleData.createOrders(dst, "bare_write");
      long start = System.nanoTime();
      SampleData.write(dst, "bare_write", items, WRITERS);
      writeRate = items / seconds(start);
      dst.deleteTable(b -> b.tableName("bare_write"));
      SampleData.createOrders(dst, "bare_copy");
      copyRate = bareCopy(src, dst, items);
      dst.deleteTable(b -> b.tableName("bare_copy"));
    }
    System.out.printf(
        "bare parallel Scan (%d segments, Limit %d): %,.0f items/s%n", SEGMENTS, PAGE, scanRate);
    System.out.printf(
        "bare BatchWriteItem (%d threads x 25 items): %,.0f items/s%n", WRITERS, writeRate);
    System.out.printf(
        "bare copy loop (%d segment threads, each Scan page -> BatchWriteItem of 25): %,.0f items/s%n",
        SEGMENTS, copyRate);
    NimoRun nimo = runNimo(home, source, target, SEGMENTS);
    double ceiling = Math.min(scanRate, writeRate);
    System.out.printf(
        "nimo-shake full sync (-Xmx256m): %,.0f items/s in the pipeline, %,.0f items/s wall-clock "
            + "incl. JVM start and CreateTable (%d items, exit %d)%n",
        nimo.pipelineRate, nimo.wallRate, nimo.written, nimo.exit);
    System.out.printf(
        "peak RSS of nimo-shake: %d MB, CPU time %.1f s (%s)%n",
        nimo.peakRssKb / 1024, nimo.cpuSeconds, nimo.cpuByThreads);
    System.out.printf(
        "ratio nimo / bare copy loop = %.2f (pipeline)%n", nimo.pipelineRate / copyRate);
    System.out.printf(
        "ratio nimo / min(scan, write) = %.2f (pipeline), %.2f (wall-clock)%n",
        nimo.pipelineRate / ceiling, nimo.wallRate / ceiling);
    if (nimo.exit != 0 || nimo.written != items) {
      System.out.println("FAILED: nimo-shake did not copy every item");
      System.exit(1);
    }
  }

  private static double bareScan(DynamoDbClient c, int expected) throws Exception {
    return scanSegments(c, expected, page -> {});
  }

  /** Every segment thread scans its segment and hands each page to {@code onPage} itself. */
  static double scanSegments(
      DynamoDbClient c,
      int expected,
      java.util.function.Consumer<List<Map<String, AttributeValue>>> onPage)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SEGMENTS);
    AtomicLong count = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int s = 0; s < SEGMENTS; s++) {
      int segment = s;
      futures.add(
          pool.submit(
              () -> {
                Map<String, AttributeValue> next = null;
                do {
                  Map<String, AttributeValue> from = next;
                  ScanResponse r =
                      c.scan(
                          b ->
                              b.tableName("orders")
                                  .segment(segment)
                                  .totalSegments(SEGMENTS)
                                  .limit(PAGE)
                                  .exclusiveStartKey(from));
                  onPage.accept(r.items());
                  count.addAndGet(r.count());
                  next =
                      r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
                          ? r.lastEvaluatedKey()
                          : null;
                } while (next != null);
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    if (count.get() != expected) {
      throw new IllegalStateException("scanned " + count.get() + " items, expected " + expected);
    }
    return count.get() / seconds(start);
  }

  record NimoRun(
      int exit,
      long written,
      double pipelineRate,
      double wallRate,
      long peakRssKb,
      double cpuSeconds,
      String cpuByThreads) {}

  /**
   * The simplest copier: each segment thread writes the pages it scans, 25 items per
   * BatchWriteItem.
   */
  static double bareCopy(DynamoDbClient src, DynamoDbClient dst, int expected) throws Exception {
    return bareCopy(src, dst, expected, "bare_copy");
  }

  /** As above, into {@code table}. */
  static double bareCopy(DynamoDbClient src, DynamoDbClient dst, int expected, String table)
      throws Exception {
    return scanSegments(
        src,
        expected,
        items -> {
          List<WriteRequest> batch = new ArrayList<>(25);
          for (Map<String, AttributeValue> item : items) {
            batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            if (batch.size() == 25) {
              BatchWrites.writeAll(dst, table, batch);
              batch = new ArrayList<>(25);
            }
          }
          if (!batch.isEmpty()) {
            BatchWrites.writeAll(dst, table, batch);
          }
        });
  }

  static NimoRun runNimo(Path home, String source, String target, int segments) throws Exception {
    return runNimo(home, source, target, segments, Map.of());
  }

  /** Runs the packaged nimo-shake with the shipped conf plus {@code extra} values. */
  static NimoRun runNimo(
      Path home, String source, String target, int segments, Map<String, String> extra)
      throws Exception {
    // NIMO_BENCH_JAVA_OPTS adds JVM flags to compare (e.g. JIT settings for the CPU figures)
    return runNimo(
        home,
        source,
        target,
        segments,
        extra,
        ("-Xmx256m " + System.getenv().getOrDefault("NIMO_BENCH_JAVA_OPTS", "")).trim());
  }

  /** As above, with {@code javaOpts} as the tool's NIMO_JAVA_OPTS. */
  static NimoRun runNimo(
      Path home,
      String source,
      String target,
      int segments,
      Map<String, String> extra,
      String javaOpts)
      throws Exception {
    Path conf = home.resolve("conf/bench.conf");
    String text = Files.readString(home.resolve("conf/nimo-shake.conf"), StandardCharsets.UTF_8);
    Map<String, String> values =
        new java.util.LinkedHashMap<>(
            Map.of(
                "id",
                "bench",
                "sync_mode",
                "full",
                "source.endpoint_url",
                source,
                "source.access_key_id",
                "local",
                "source.secret_access_key",
                "local",
                "target.address",
                target,
                "target.access_key_id",
                "local",
                "target.secret_access_key",
                "local",
                "filter.collection.white",
                "orders",
                "full_sync.http_port",
                "-1"));
    values.put("full.read.concurrency", String.valueOf(segments));
    values.putAll(extra);
    for (Map.Entry<String, String> e : values.entrySet()) {
      text =
          text.replaceFirst(
              "(?m)^" + Pattern.quote(e.getKey()) + " = .*$",
              Matcher.quoteReplacement(e.getKey() + " = " + e.getValue()));
    }
    Files.writeString(conf, text, StandardCharsets.UTF_8);
    Path out = home.resolve("logs/bench.out");
    ProcessBuilder pb =
        new ProcessBuilder(home.resolve("bin/nimo-shake.linux.amd64").toString(), "-conf=" + conf)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().put("NIMO_JAVA_OPTS", javaOpts);
    long start = System.nanoTime();
    Process p = pb.start();
    long peak = 0;
    double cpu = 0;
    Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
    Path stat = Path.of("/proc", String.valueOf(p.pid()), "stat");
    ThreadCpu threads = new ThreadCpu(p.pid());
    while (p.isAlive()) {
      peak = Math.max(peak, vmHwmKb(status));
      cpu = Math.max(cpu, cpuSeconds(stat));
      threads.sample();
      Thread.sleep(100);
    }
    double wall = seconds(start);
    String log = Files.readString(out, StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("orders\\s+DONE\\s+read=\\d+ written=(\\d+).*? elapsed=([0-9.]+)s")
            .matcher(log);
    if (!m.find()) {
      System.out.println(log);
      return new NimoRun(p.exitValue(), 0, 0, 0, peak, cpu, threads.summary());
    }
    long written = Long.parseLong(m.group(1));
    return new NimoRun(
        p.exitValue(),
        written,
        written / Double.parseDouble(m.group(2)),
        written / wall,
        peak,
        cpu,
        threads.summary());
  }

  /** utime + stime of a process, from /proc/PID/stat (clock ticks of 1/100 s). */
  private static double cpuSeconds(Path stat) {
    try {
      String text = Files.readString(stat);
      String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (Exception gone) {
      return 0;
    }
  }

  private static long vmHwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (Exception gone) {
      // the process ended between two samples
    }
    return 0;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
