package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configuration mistakes are reported as such: the packaged nimo-shake, nimo-full-check and
 * nimo-repair each run over a list of bad configurations and must exit 2 with one line naming the
 * key (and the value, and the accepted values where there is a list), having contacted nothing.
 * Every address in the confs is a tripwire: a loopback port that counts the connections it is
 * offered, which must stay at zero. This list is the place the next key's bad values go.
 */
class BadConfigIT {
  private static PackagedTool tool;
  private static ServerSocket tripwire;
  private static final AtomicInteger CONTACTS = new AtomicInteger();
  @TempDir static Path home;

  /**
   * One bad configuration.
   *
   * @param tool the binary ({@code nimo-shake}, {@code nimo-full-check} or {@code nimo-repair})
   * @param values keys set in the tool's shipped conf
   * @param extra lines appended (an unknown key)
   * @param named what the error line must contain: the key first
   */
  record Case(String tool, Map<String, String> values, String extra, List<String> named) {
    @Override
    public String toString() {
      return tool + ": " + named.get(0) + " " + (extra.isEmpty() ? values : extra.trim());
    }
  }

  private static Case shake(String key, String value, String... named) {
    return new Case("nimo-shake", Map.of(key, value), "", List.of(named));
  }

  private static Case shake(Map<String, String> values, String... named) {
    return new Case("nimo-shake", values, "", List.of(named));
  }

  static Stream<Case> cases() {
    List<Case> all = new ArrayList<>();
    // the type keys: their choices are the providers on the class path
    all.add(shake("checkpoint.type", "redis", "checkpoint.type", "redis", "file", "postgresql"));
    all.add(shake("target.type", "oracle", "target.type", "oracle", "dynamodb", "mongodb"));
    // an unknown key, enums, numbers, ranges, durations, addresses
    all.add(new Case("nimo-shake", Map.of(), "qps.fulll = 3\n", List.of("qps.fulll", "unknown")));
    all.add(shake("sync_mode", "both", "sync_mode", "both", "all", "incr"));
    all.add(shake("qps.full", "fast", "qps.full", "fast"));
    all.add(shake("full.read.calls_per_reader", "-1", "full.read.calls_per_reader", "-1"));
    all.add(shake("retry.budget", "soon", "retry.budget", "soon"));
    all.add(
        shake("source.endpoint_url", "localhost:8000", "source.endpoint_url", "localhost:8000"));
    // combinations
    all.add(
        shake(
            Map.of(
                "target.type", "mongodb",
                "target.address", "mongodb://127.0.0.1:" + port() + "/?directConnection=true",
                "target.access_key_id", "AKIDEXAMPLE",
                "target.secret_access_key", "wJalrXUtnFEMI"),
            "target.access_key_id",
            "mongodb"));
    all.add(
        shake(
            Map.of("incr_sync_parallel", "true", "sync_mode", "full"),
            "incr_sync_parallel",
            "full"));
    all.add(shake("checkpoint.type", "mongodb", "checkpoint.address", "mongodb"));
    all.add(shake("checkpoint.type", "postgresql", "checkpoint.address", "postgresql"));
    all.add(
        shake(
            Map.of("filter.collection.white", "a", "filter.collection.black", "b"),
            "filter.collection.white",
            "filter.collection.black"));
    all.add(shake("convert.type", "raw", "convert.type", "raw"));
    // a bulk copy from an export (#32)
    all.add(shake("full.source", "backup", "full.source", "backup", "scan", "export"));
    all.add(shake("full.source", "export", "full.export.s3_uri", "empty"));
    all.add(
        shake(
            Map.of("full.source", "export", "full.export.s3_uri", "https://bucket/prefix"),
            "full.export.s3_uri",
            "s3://"));
    all.add(shake("full.export.format", "CSV", "full.export.format", "ION"));
    all.add(
        shake("full.export.s3_endpoint", "minio:9000", "full.export.s3_endpoint", "minio:9000"));
    all.add(shake("full.export.wait_timeout", "forever", "full.export.wait_timeout", "forever"));
    all.add(shake("full.export.price_per_gb", "cheap", "full.export.price_per_gb", "cheap"));
    all.add(
        shake(
            Map.of(
                "full.source", "export",
                "full.export.s3_uri", "s3://bucket/prefix",
                "full.read.filter_expression", "attribute_exists(a)"),
            "full.read.filter_expression",
            "scan"));
    all.add(shake("target.db.exist", "rename", "target.db.exist", "rename"));
    // the check tools share the source and target keys, and have their own
    all.add(
        new Case("nimo-full-check", Map.of("target.type", "oracle"), "", List.of("target.type")));
    all.add(new Case("nimo-full-check", Map.of(), "sampel = 5\n", List.of("sampel", "unknown")));
    all.add(
        new Case("nimo-full-check", Map.of("mode", "sometimes"), "", List.of("mode", "changed")));
    all.add(
        new Case("nimo-full-check", Map.of("recheck_after", "soon"), "", List.of("recheck_after")));
    all.add(new Case("nimo-repair", Map.of(), "qps.fulll = 3\n", List.of("qps.fulll", "unknown")));
    all.add(
        new Case(
            "nimo-repair",
            Map.of(
                "target.type", "mongodb",
                "target.address", "mongodb://127.0.0.1:" + port() + "/?directConnection=true",
                "target.access_key_id", "",
                "target.secret_access_key", "",
                "target.profile", "prod"),
            "",
            List.of("target.profile", "mongodb")));
    return all.stream();
  }

  @BeforeAll
  static void unpackAndArm() throws Exception {
    tool = PackagedTool.unpackCore(Files.createDirectories(home.resolve("unpacked")));
    tripwire = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!tripwire.isClosed()) {
                try (Socket s = tripwire.accept()) {
                  CONTACTS.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "tripwire");
    t.setDaemon(true);
    t.start();
  }

  @AfterAll
  static void disarm() throws IOException {
    tripwire.close();
  }

  private static int port() {
    return tripwire == null ? 1 : tripwire.getLocalPort();
  }

  /** Every address of the tool's conf at the tripwire, then the case's own values. */
  private static String confFor(Case c, Path homeOfTool) throws IOException {
    String wire = "http://127.0.0.1:" + port();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("source.endpoint_url", wire);
    v.put("source.access_key_id", "local");
    v.put("source.secret_access_key", "local-secret");
    v.put("target.address", wire);
    v.put("target.access_key_id", "local");
    v.put("target.secret_access_key", "local-secret");
    v.put("preflight.timeout", "3s");
    if (c.tool().equals("nimo-shake")) {
      v.put("checkpoint.address", wire);
    }
    v.putAll(c.values());
    return tool.shippedConfWith(homeOfTool, c.tool(), v) + "\n" + c.extra();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadConfigurationExitsTwoNamingTheKeyAndContactsNothing(Case c, @TempDir Path work)
      throws Exception {
    Path toolHome = c.tool().equals("nimo-shake") ? tool.shakeHome() : tool.checkHome();
    Path conf = work.resolve("bad.conf");
    Files.writeString(conf, confFor(c, toolHome), StandardCharsets.UTF_8);
    int before = CONTACTS.get();

    PackagedTool.Result r =
        tool.run(toolHome.resolve("bin/" + c.tool() + ".linux.amd64"), work, "-conf=" + conf);

    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    String line =
        r.output()
            .lines()
            .filter(l -> l.startsWith(c.tool() + ": ") && l.contains(c.named().get(0)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line naming the key in:\n" + r.output()));
    for (String word : c.named()) {
      assertThat(line).as("the error line").contains(word);
    }
    assertThat(r.output()).doesNotContain("wJalrXUtnFEMI").doesNotContain("local-secret");
    assertThat(CONTACTS.get() - before).as("connections offered to any address").isZero();
  }
}
