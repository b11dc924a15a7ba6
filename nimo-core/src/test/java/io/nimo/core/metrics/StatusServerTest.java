package io.nimo.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusServerTest {

  private static JobProgress progress() {
    JobProgress p = new JobProgress();
    TableProgress done = p.register("t1");
    done.estimate(10, 0);
    done.state(TableProgress.State.RUNNING);
    done.addWritten(10, 0, 0);
    done.state(TableProgress.State.DONE);
    TableProgress running = p.register("t2");
    running.estimate(997, 0);
    running.state(TableProgress.State.RUNNING);
    running.addWritten(123, 4, 0);
    p.register("t3");
    return p;
  }

  @Test
  void progressKeepsTheOriginalJsonShape() {
    String json = new FullSyncStatus(progress()).progressJson();
    assertThat(json)
        .contains(
            "\"progress\":\"33.33%\"",
            "\"total_collection_number\":3",
            "\"finished_collection_number\":1",
            "\"processing_collection_number\":1",
            "\"wait_collection_number\":1",
            "\"t1\":\"100% (10/10)\"",
            "\"t2\":\"12.34% (123/997)\"",
            "\"t3\":\"-\"");
  }

  @Test
  void lagIsZeroOnceEveryShardIsCaughtUp() {
    StreamProgress p = new StreamProgress("t");
    assertThat(p.snapshot(10_000).lagMillis()).isEqualTo(-1);
    p.shardBehind("s1", true);
    p.recordBatch(10, 10, 0, 4_000, 5_000);
    assertThat(p.snapshot(10_000).lagMillis()).isEqualTo(6_000);
    p.shardBehind("s1", false);
    assertThat(p.snapshot(60_000).lagMillis()).isZero();
    assertThat(new IncrSyncStatus(Map.of("t", p)).prometheus())
        .contains("nimo_incr_lag_milliseconds{table=\"t\"} 0")
        .contains("nimo_incr_records_applied_total{table=\"t\"} 10");
  }

  @Test
  void servesRoutesOnLoopbackOnly() throws Exception {
    FullSyncStatus status = new FullSyncStatus(progress());
    try (StatusServer server =
        StatusServer.start(
            "127.0.0.1",
            0,
            Map.of(
                "/progress", () -> StatusServer.Response.json(status.progressJson()),
                "/metrics", () -> StatusServer.Response.text(status.prometheus())))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> progress =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/progress")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(progress.statusCode()).isEqualTo(200);
      assertThat(progress.body()).contains("collection_metric");
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("nimo_full_items_written_total{table=\"t2\"} 123");
      HttpResponse<String> index =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(index.body()).contains("{\"Uri\":\"/progress\",\"Method\":\"GET\"}");
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/"))
                  .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body())
          .contains("<title>nimo status</title>")
          .contains("fetch(path")
          // self-contained: no script, style or font from anywhere else
          .doesNotContainPattern("(src|href)=\"https?://");
      assertThat(page.body().replace("'http://www.w3.org/2000/svg'", ""))
          .as("no address but the SVG namespace name")
          .doesNotContain("http://")
          .doesNotContain("https://");
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(404);
    }
  }
}
