package io.nimo.bench;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.item.KeySchema;
import io.nimo.core.sink.Target;
import io.nimo.core.testkit.polardb.PolarDbDouble;
import io.nimo.core.wiring.JobComponents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What PolarDB-DDB's 100-item pages cost the check's reads of the target: the exact count (a
 * parallel {@code Select = COUNT} Scan) and the full scan of the extras pass, through the
 * PolarDB-DDB test double in front of a local DynamoDB server, with pages of 100 and with
 * DynamoDB's own (up to 1 MB), each run twice and the second timed. Prints the times and their
 * ratio.
 *
 * <p>Usage: {@code PageLimitBenchmark --target URL --items N}
 */
public final class PageLimitBenchmark {
  private static final String TABLE = "orders";

  private PageLimitBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int items = args.getInt("items", 50_000);
    String real = args.require("target");
    try (DynamoDbClient dst = LocalClients.client(real, 8)) {
      SampleData.createOrders(dst, TABLE);
      SampleData.write(dst, TABLE, items, 8);
    }
    long[] own = run(real, 0, items);
    long[] hundred = run(real, 100, items);
    System.out.printf(
        "count (8 segments): %d ms with DynamoDB's pages, %d ms with pages of 100: %.2fx%n",
        own[0], hundred[0], (double) hundred[0] / own[0]);
    System.out.printf(
        "scan: %d ms with DynamoDB's pages, %d ms with pages of 100: %.2fx%n",
        own[1], hundred[1], (double) hundred[1] / own[1]);
  }

  /** Times of the count and the scan through the double with a page limit (0 = none). */
  private static long[] run(String real, int pageLimit, int items) throws Exception {
    try (PolarDbDouble polardb = PolarDbDouble.inFrontOf(real).pageLimit(pageLimit);
        JobComponents parts = JobComponents.builder(conf(polardb.endpoint())).build()) {
      Target target = parts.targets().table(TABLE, new KeySchema("pk", "sk"));
      long[] times = new long[2];
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        long counted = target.count(8);
        long t1 = System.nanoTime();
        long scanned;
        try (Stream<Map<String, AttributeValue>> all = target.scan()) {
          scanned = all.count();
        }
        long t2 = System.nanoTime();
        if (counted != items || scanned != items) {
          throw new IllegalStateException(
              "counted " + counted + " and scanned " + scanned + " of " + items);
        }
        times[0] = (t1 - t0) / 1_000_000;
        times[1] = (t2 - t1) / 1_000_000;
      }
      return times;
    }
  }

  private static Configuration conf(String target) {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("source.endpoint_url", target);
    raw.put("source.access_key_id", "bench");
    raw.put("source.secret_access_key", "bench-secret");
    raw.put("source.region", "us-east-1");
    raw.put("target.type", "polardb");
    raw.put("target.address", target);
    raw.put("target.access_key_id", "bench");
    raw.put("target.secret_access_key", "bench-secret");
    return Configuration.of(ShakeOptions.ALL, raw);
  }
}
