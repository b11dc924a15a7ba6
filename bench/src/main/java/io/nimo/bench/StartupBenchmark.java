package io.nimo.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start-up of the packaged nimo-shake: time from launching {@code bin/nimo-shake.linux.amd64} to
 * the first Scan page answered, seen by a {@link CapacityProxy} in front of the source (no added
 * round trip unless asked), and the whole run's wall clock and process CPU, as medians of several
 * runs. Each variant runs with other JVM flags; the baseline is the same tarball without its
 * class-data sharing archives ({@code -Xshare:off}), and the floor is {@code java -version} of the
 * bundled runtime.
 *
 * <p>Usage: {@code StartupBenchmark --source URL --target URL --home NimoShake/nimo-shake --runs 5
 * --source-rtt 0}
 */
public final class StartupBenchmark {
  private StartupBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int runs = a.getInt("runs", 5);
    int rtt = a.getInt("source-rtt", 0);
    Path home = Path.of(a.require("home"));
    String extra = System.getenv().getOrDefault("NIMO_BENCH_JAVA_OPTS", "");
    Map<String, String> variants = new java.util.LinkedHashMap<>();
    variants.put("as shipped", ("-Xmx256m " + extra).trim());
    variants.put("without CDS archives (-Xshare:off)", ("-Xmx256m -Xshare:off " + extra).trim());
    double floor = javaVersionSeconds(home, runs);
    System.out.printf(
        "floor: bundled java -version %.2f s (median of %d); source RTT %d ms%n", floor, runs, rtt);
    try (CapacityProxy src = new CapacityProxy(URI.create(a.require("source")), rtt, 1e12, 1e12)) {
      String srcUrl = src.start();
      double baseline = 0;
      for (Map.Entry<String, String> v : variants.entrySet()) {
        double[] startup = new double[runs];
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
          BenchUtil.deleteTree(home.resolve("checkpoint"));
          src.firstScanAnswered.set(0);
          long launched = System.nanoTime();
          FullSyncBenchmark.NimoRun run =
              FullSyncBenchmark.runNimo(
                  home,
                  srcUrl,
                  a.require("target"),
                  8,
                  Map.of("target.db.exist", "drop"),
                  v.getValue());
          wall[i] = FullSyncBenchmark.seconds(launched);
          if (run.exit() != 0 || src.firstScanAnswered.get() == 0) {
            throw new IllegalStateException("nimo-shake failed: exit " + run.exit());
          }
          startup[i] = (src.firstScanAnswered.get() - launched) / 1e9;
          cpu[i] = run.cpuSeconds();
        }
        double s = BenchUtil.median(startup);
        if (baseline == 0) {
          baseline = s;
        }
        System.out.printf(
            "%-36s launch -> first Scan page %.2f s (runs %s); whole run %.2f s, CPU %.2f s%n",
            v.getKey(), s, format(startup), BenchUtil.median(wall), BenchUtil.median(cpu));
      }
    }
    System.exit(0);
  }

  private static double javaVersionSeconds(Path home, int runs) throws Exception {
    Path java = home.resolve("../jre/bin/java");
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(java.toString(), "-version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.waitFor();
      t[i] = FullSyncBenchmark.seconds(start);
    }
    return BenchUtil.median(t);
  }

  private static String format(double[] v) {
    List<String> out = new ArrayList<>();
    for (double d : v) {
      out.add(String.format("%.2f", d));
    }
    return String.join(" ", out);
  }
}
