package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TestTables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The live status page of the packaged nimo-shake, rendered by a real headless Chromium (Debian's
 * {@code chromium}, which {@code .ci/run} installs): during the full sync the full-sync port's page
 * shows every table with its progress bar, during the incremental sync the incremental port's page
 * shows every table's lag. Screenshots are kept in {@code target/status-page-*.png}.
 */
class StatusPageIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** The DOM after the page's script ran, as Chromium renders it. */
  private static String render(String url, Path screenshot, Path profile) throws Exception {
    List<String> flags =
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--window-size=1300,700",
            "--virtual-time-budget=6000");
    List<String> dump = new ArrayList<>(List.of(CHROMIUM.toString()));
    dump.addAll(flags);
    dump.addAll(List.of("--dump-dom", url));
    Process p = new ProcessBuilder(dump).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> shot = new ArrayList<>(List.of(CHROMIUM.toString()));
    shot.addAll(flags);
    shot.addAll(List.of("--screenshot=" + screenshot, url));
    Process s = new ProcessBuilder(shot).redirectErrorStream(true).start();
    s.getInputStream().readAllBytes();
    assertThat(s.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return dom;
  }

  private static int port(Path log, String marker) throws Exception {
    java.util.regex.Pattern p =
        java.util.regex.Pattern.compile(
            "status server listening on http://127\\.0\\.0\\.1:(\\d+)\\[[^\\]]*" + marker);
    String text =
        Await.settle(
            java.time.Duration.ofSeconds(120),
            java.time.Duration.ofMillis(200),
            () -> Files.exists(log) ? Files.readString(log) : "",
            t -> p.matcher(t).find());
    java.util.regex.Matcher m = p.matcher(text);
    assertThat(m.find()).as("a status port for %s in %s", marker, log).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** Waits until a JSON route of the port names both tables, so the page has them to draw. */
  private static void awaitTables(HttpClient http, String url) throws Exception {
    String body =
        Await.settle(
            java.time.Duration.ofSeconds(120),
            java.time.Duration.ofMillis(200),
            () ->
                http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body(),
            b -> b.contains("\"orders\"") && b.contains("\"customers\""));
    assertThat(body).as(url + " names both tables").contains("\"orders\"", "\"customers\"");
  }

  @Test
  void rendersEveryTableDuringTheFullAndTheIncrementalSync(
      @TempDir Path unpacked, @TempDir Path work) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Debian's chromium is not installed (.ci/run installs it): the page is not rendered here");
    PackagedTool tool = PackagedTool.unpackCore(unpacked);
    Path shots = Path.of("target").toAbsolutePath();
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      for (String t : List.of("orders", "customers")) {
        TestTables.createHashOnly(source.client(), t, "id", ScalarAttributeType.S);
        TestTables.seed(source.client(), t, "id", 1500, 5);
      }
      Map<String, String> v = PackagedTool.localEndpoints(source, target, "page-secret");
      v.put("sync_mode", "all");
      v.put("log.file", "nimo-shake.log");
      v.put("full_sync.http_port", "0");
      v.put("incr_sync.http_port", "0");
      v.put("qps.full", "6"); // about 10 s of full sync: the page is read while it runs
      v.put("qps.full.batch_num", "50");
      v.put("full.read.concurrency", "2");
      Files.writeString(work.resolve("page.conf"), tool.shippedConfWith(v));
      Process p = tool.start(work, work.resolve("out.log"), "-conf=page.conf");
      try {
        Path log = tool.shakeHome().resolve("logs/nimo-shake.log");
        int full = port(log, "/progress");
        HttpClient http = HttpClient.newHttpClient();
        String index =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + full + "/")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(index).as("scripts still get the route list").startsWith("[{\"Uri\"");

        awaitTables(http, "http://127.0.0.1:" + full + "/progress");
        String during =
            render(
                "http://127.0.0.1:" + full + "/",
                shots.resolve("status-page-full.png"),
                work.resolve("chrome-1"));
        assertThat(during)
            .contains("data-table=\"orders\"")
            .contains("data-table=\"customers\"")
            .contains("class=\"bar\"")
            .containsPattern("id=\"phase\">full sync");
        assertThat(during).doesNotContain("page-secret");

        int incr = port(log, "/metric,");
        LiveWriter traffic = new LiveWriter(source.newClient(), "orders", 1500, 20).start();
        PackagedTool.awaitLog(log, "start incr sync", p.toHandle());
        awaitTables(http, "http://127.0.0.1:" + incr + "/metric");
        // the page polls every 2 s within Chromium's virtual time: its lag samples build up there
        String following =
            render(
                "http://127.0.0.1:" + incr + "/",
                shots.resolve("status-page-incr.png"),
                work.resolve("chrome-2"));
        traffic.stop();
        assertThat(following)
            .contains("data-table=\"orders\"")
            .contains("data-table=\"customers\"")
            .contains("<polyline")
            .containsPattern("id=\"phase\">incremental sync");
        assertThat(shots.resolve("status-page-full.png")).isNotEmptyFile();
        assertThat(shots.resolve("status-page-incr.png")).isNotEmptyFile();
      } finally {
        p.destroy();
        p.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }
}
