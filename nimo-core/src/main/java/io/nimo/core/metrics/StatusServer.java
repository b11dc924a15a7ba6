package io.nimo.core.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny read-only HTTP server for status endpoints (JDK HttpServer, one named daemon thread).
 * Binds to the given address, 127.0.0.1 by default. {@code GET /} lists the routes.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);

  /** A response body with its content type. */
  public record Response(String contentType, String body) {
    /**
     * A JSON response.
     *
     * @param body the response body
     */
    public static Response json(String body) {
      return new Response("application/json", body);
    }

    /**
     * A plain-text response.
     *
     * @param body the response body
     */
    public static Response text(String body) {
      return new Response("text/plain; version=0.0.4", body);
    }
  }

  private final HttpServer server;

  private StatusServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving {@code routes} (path → body supplier) on {@code bind:port}; port 0 picks a free
   * one.
   *
   * @param bind the address to bind to
   * @param port the port, 0 for any free port
   * @param routes path to handler
   * @return the running server
   * @throws IOException on failure
   */
  public static StatusServer start(String bind, int port, Map<String, Supplier<Response>> routes)
      throws IOException {
    Response page = new Response("text/html; charset=utf-8", StatusPage.html());
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    Map<String, Supplier<Response>> all = new LinkedHashMap<>(routes);
    String index =
        all.keySet().stream()
            .map(p -> "{\"Uri\":\"" + p + "\",\"Method\":\"GET\"}")
            .collect(Collectors.joining(",", "[", "]"));
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
          Supplier<Response> route =
              !path.equals("/")
                  ? all.get(path)
                  // a browser gets the live page; curl and scripts the original's route list
                  : accept.contains("text/html") ? () -> page : () -> Response.json(index);
          if (!"GET".equals(ex.getRequestMethod())) {
            send(ex, 405, Response.json("{\"error\":\"only GET\"}"));
          } else if (route == null) {
            send(ex, 404, Response.json("{\"error\":\"no such route; GET / lists them\"}"));
          } else {
            try {
              send(ex, 200, route.get());
            } catch (RuntimeException e) {
              LOG.warn("status route {} failed: {}", path, e.getMessage());
              send(ex, 500, Response.json("{\"error\":\"internal error\"}"));
            }
          }
        });
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "nimo-http-" + port);
              t.setDaemon(true);
              return t;
            }));
    server.start();
    LOG.info(
        "status server listening on http://{}:{}{}",
        bind,
        server.getAddress().getPort(),
        all.keySet());
    return new StatusServer(server);
  }

  /** The bound port (useful when 0 asked for any free port). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange ex, int status, Response r) throws IOException {
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", r.contentType());
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
