package io.nimo.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The loopback full sync against a minimal copy loop written with the AWS SDK for Go v2 ({@code
 * bench/go-copy-loop}) and the same loop in Java, on the same DynamoDB Local servers, with the same
 * concurrency (8 Scan segments, pages of 128, BatchWriteItem of 25). Runs each in turn, {@code
 * --rounds} times, and prints medians of items/s and of process CPU, and nimo's ratios to the Go
 * loop.
 *
 * <p>Usage: {@code GoBaselineBenchmark --source URL --target URL --items N --home
 * NimoShake/nimo-shake --go bench/target/go-copy-loop --rounds 3}
 */
public final class GoBaselineBenchmark {
  private static final Pattern GO_OUT =
      Pattern.compile("(\\d+) items in [0-9.]+ s = ([0-9.]+) items/s; CPU ([0-9.]+) s");

  private GoBaselineBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    String source = a.require("source");
    String target = a.require("target");
    int items = a.getInt("items", 50_000);
    int rounds = a.getInt("rounds", 3);
    Path home = Path.of(a.require("home"));
    String go = a.require("go");
    double[] goRate = new double[rounds];
    double[] goCpu = new double[rounds];
    double[] javaRate = new double[rounds];
    double[] nimoRate = new double[rounds];
    double[] nimoCpu = new double[rounds];
    try (DynamoDbClient src = LocalClients.client(source, 10);
        DynamoDbClient dst = LocalClients.client(target, 10)) {
      // the servers' own JIT warms up on a copy nobody is measured by, so round 1 favours no one
      SampleData.createOrders(dst, "warm_up");
      FullSyncBenchmark.bareCopy(src, dst, items, "warm_up");
      dst.deleteTable(b -> b.tableName("warm_up"));
      for (int r = 0; r < rounds; r++) {
        SampleData.createOrders(dst, "go_copy");
        Process p =
            new ProcessBuilder(go, "-source", source, "-target", target, "-dst", "go_copy")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = GO_OUT.matcher(out);
        if (p.waitFor() != 0 || !m.find() || Long.parseLong(m.group(1)) != items) {
          throw new IllegalStateException("go copy loop failed: " + out);
        }
        goRate[r] = Double.parseDouble(m.group(2));
        goCpu[r] = Double.parseDouble(m.group(3));
        dst.deleteTable(b -> b.tableName("go_copy"));

        SampleData.createOrders(dst, "bare_copy");
        javaRate[r] = FullSyncBenchmark.bareCopy(src, dst, items, "bare_copy");
        dst.deleteTable(b -> b.tableName("bare_copy"));

        BenchUtil.deleteTree(home.resolve("checkpoint"));
        FullSyncBenchmark.NimoRun nimo =
            FullSyncBenchmark.runNimo(home, source, target, 8, Map.of("target.db.exist", "drop"));
        if (nimo.exit() != 0 || nimo.written() != items) {
          throw new IllegalStateException("nimo-shake failed: exit " + nimo.exit());
        }
        nimoRate[r] = nimo.pipelineRate();
        nimoCpu[r] = nimo.cpuSeconds();
        System.out.printf(
            "round %d: go %,.0f items/s (CPU %.1f s), java loop %,.0f items/s, nimo-shake %,.0f"
                + " items/s (CPU %.1f s: %s)%n",
            r + 1, goRate[r], goCpu[r], javaRate[r], nimoRate[r], nimoCpu[r], nimo.cpuByThreads());
      }
    }
    System.out.printf(
        "medians of %d rounds, %,d items: go copy loop %,.0f items/s, CPU %.1f s; java copy loop"
            + " %,.0f items/s; nimo-shake %,.0f items/s, CPU %.1f s%n",
        rounds,
        items,
        BenchUtil.median(goRate),
        BenchUtil.median(goCpu),
        BenchUtil.median(javaRate),
        BenchUtil.median(nimoRate),
        BenchUtil.median(nimoCpu));
    System.out.printf(
        "ratio nimo / go copy loop = %.2f (items/s); nimo CPU / go CPU = %.2f;"
            + " nimo / java copy loop = %.2f%n",
        BenchUtil.median(nimoRate) / BenchUtil.median(goRate),
        BenchUtil.median(nimoCpu) / BenchUtil.median(goCpu),
        BenchUtil.median(nimoRate) / BenchUtil.median(javaRate));
    System.exit(0);
  }
}
