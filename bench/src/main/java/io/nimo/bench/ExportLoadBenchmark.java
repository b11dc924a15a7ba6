package io.nimo.bench;

import io.nimo.core.testkit.S3Local;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.export.ExportWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bulk copy from an export against the Scan it replaces, in one run on the same servers: the
 * packaged nimo-shake (-Xmx256m) copies table {@code orders} once with a parallel Scan and once
 * from an export of it in each format, its source behind a counting proxy. Prints items/s, CPU per
 * item and the source's read calls during each copy, and the export's ratio to the Scan.
 *
 * <p>Usage: {@code ExportLoadBenchmark --source URL --target URL --s3 URL --items N --files F
 * --home NimoShake/nimo-shake}
 */
public final class ExportLoadBenchmark {
  private static final int SEGMENTS = 8;

  private ExportLoadBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int items = args.getInt("items", 100_000);
    int files = args.getInt("files", SEGMENTS);
    String s3 = args.require("s3");
    Path home = Path.of(args.require("home"));
    try (DynamoDbClient src = LocalClients.client(args.require("source"), 4);
        S3Client bucket = S3Local.client(s3)) {
      bucket.createBucket(b -> b.bucket("exports"));
      String arn = src.describeTable(b -> b.tableName("orders")).table().tableArn();
      List<Map<String, AttributeValue>> all =
          new ArrayList<>(TableContents.read(src, "orders").values());
      for (ExportWriter.Format f : ExportWriter.Format.values()) {
        new ExportWriter(bucket, "exports", f.ordinal())
            .full(f.name().toLowerCase() + "/orders", arn, Instant.now(), f, all, files);
      }
      System.out.printf(
          "an export of %,d items in %d data file(s) per format written to S3Proxy%n",
          all.size(), files);
    }
    try (CapacityProxy proxy =
        new CapacityProxy(URI.create(args.require("source")), 0, 1e12, 1e12)) {
      String source = proxy.start();
      Result scan = copy(proxy, home, source, args, "scan", Map.of());
      Result json = copy(proxy, home, source, args, "export-json", export(s3, "dynamodb_json"));
      Result ion = copy(proxy, home, source, args, "export-ion", export(s3, "ion"));
      for (Result r : List.of(scan, json, ion)) {
        System.out.printf(
            "%-12s %,8.0f items/s (pipeline), %,8.0f items/s wall-clock, %6.1f µs CPU per item,"
                + " %,d source read call(s), exit %d, %d written%n",
            r.name,
            r.run.pipelineRate(),
            r.run.wallRate(),
            r.run.cpuSeconds() * 1e6 / Math.max(1, r.run.written()),
            r.readCalls,
            r.run.exit(),
            r.run.written());
      }
      System.out.printf(
          "ratio export / Scan items/s: DYNAMODB_JSON %.2f, ION %.2f (goal >= 1.0 on loopback)%n",
          json.run.pipelineRate() / scan.run.pipelineRate(),
          ion.run.pipelineRate() / scan.run.pipelineRate());
      boolean ok =
          List.of(scan, json, ion).stream()
              .allMatch(r -> r.run.exit() == 0 && r.run.written() == items);
      if (!ok || json.readCalls > 0 || ion.readCalls > 0) {
        System.out.println("FAILED: a copy was incomplete or an export load read the source");
        System.exit(1);
      }
    }
  }

  private record Result(String name, FullSyncBenchmark.NimoRun run, long readCalls) {}

  private static Map<String, String> export(String s3, String prefix) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("full.source", "export");
    extra.put("full.export.s3_uri", "s3://exports/" + prefix);
    extra.put("full.export.s3_endpoint", s3);
    return extra;
  }

  private static Result copy(
      CapacityProxy proxy,
      Path home,
      String source,
      Args args,
      String name,
      Map<String, String> extra)
      throws Exception {
    Map<String, String> conf = new LinkedHashMap<>(extra);
    conf.put("id", "bench-" + name);
    conf.put("target.db.exist", "drop");
    long before = proxy.readCalls.get();
    FullSyncBenchmark.NimoRun run =
        FullSyncBenchmark.runNimo(home, source, args.require("target"), SEGMENTS, conf);
    return new Result(name, run, proxy.readCalls.get() - before);
  }
}
