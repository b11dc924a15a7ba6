package io.nimo.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void servesAThreadDumpMemoryAndQueueDepthsOnLoopback() throws Exception {
    JobProgress progress = new JobProgress();
    TableProgress orders = progress.register("orders");
    orders.state(TableProgress.State.RUNNING);
    orders.queues(() -> 7, () -> 3);
    progress.register("waiting");
    Thread worker = new Thread(() -> sleepQuietly(), "nimo-full-orders-1");
    worker.setDaemon(true);
    worker.start();
    io.nimo.core.testkit.Await.until(
        "the worker asleep",
        java.time.Duration.ofSeconds(10),
        () -> worker.getState() == Thread.State.TIMED_WAITING);
    try (StatusServer server = StatusServer.start("127.0.0.1", 0, Diagnostics.routes(progress))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      assertThat(get(http, base + "/debug/threads"))
          .contains("\"nimo-full-orders-1\" TIMED_WAITING")
          .contains("java.lang.Thread.sleep(Native Method)");
      assertThat(get(http, base + "/debug/memory"))
          .contains("\"heap\":{\"used_bytes\":")
          .contains("\"gc\":[{\"name\":");
      assertThat(get(http, base + "/debug/queues"))
          .isEqualTo(
              "{\"orders\":{\"state\":\"running\",\"scan_pages_queued\":7,\"write_batches_queued\":3},"
                  + "\"waiting\":{\"state\":\"waiting\",\"scan_pages_queued\":0,\"write_batches_queued\":0}}");
    } finally {
      worker.interrupt();
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
