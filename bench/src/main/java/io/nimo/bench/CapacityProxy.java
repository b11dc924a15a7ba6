package io.nimo.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DynamoDB endpoint as users meet it across clouds, in front of a local one: every call waits the
 * configured round-trip time, and reads and writes draw on token buckets of read and write capacity
 * units per second the way provisioned DynamoDB does — a call made while its bucket is empty is
 * answered {@code ProvisionedThroughputExceededException} without reaching the server. Units are
 * estimated from the bytes: a read costs ½ unit per 4 KB returned (eventually consistent), a write
 * 1 unit per item per started KB.
 */
final class CapacityProxy implements AutoCloseable {
  private static final Set<String> READS = Set.of("Scan", "Query", "GetItem", "BatchGetItem");
  private static final Set<String> WRITES =
      Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");
  private static final List<String> RESTRICTED =
      List.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final URI upstream;
  private final long halfRttNanos;
  private final TokenBucket reads;
  private final TokenBucket writes;
  private final HttpClient client;
  private final ExecutorService pool;
  private HttpServer server;
  final AtomicLong calls = new AtomicLong();
  final AtomicLong readCalls = new AtomicLong();
  final AtomicLong throttled = new AtomicLong();
  final AtomicLong writeUnits = new AtomicLong();
  final AtomicLong readUnitsHalves = new AtomicLong();

  /** System.nanoTime() when the first Scan page was answered, 0 before. */
  final AtomicLong firstScanAnswered = new AtomicLong();

  CapacityProxy(URI upstream, int rttMillis, double rcu, double wcu) {
    this.upstream = upstream;
    this.halfRttNanos = rttMillis * 500_000L;
    this.reads = new TokenBucket(rcu);
    this.writes = new TokenBucket(wcu);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "proxy-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.client =
        HttpClient.newBuilder().executor(pool).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Starts listening on a free loopback port; returns the endpoint URL. */
  String start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
      String op = target.substring(target.indexOf('.') + 1);
      calls.incrementAndGet();
      if (READS.contains(op)) {
        readCalls.incrementAndGet();
      }
      pause();
      TokenBucket bucket = READS.contains(op) ? reads : WRITES.contains(op) ? writes : null;
      if (bucket != null && !bucket.hasTokens()) {
        throttled.incrementAndGet();
        pause();
        reply(
            ex,
            400,
            ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"The level of configured provisioned throughput for the table was"
                    + " exceeded (proxy)\"}")
                .getBytes(StandardCharsets.UTF_8),
            "application/x-amz-json-1.0");
        return;
      }
      HttpRequest.Builder req =
          HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (k, vs) -> {
                if (!RESTRICTED.contains(k.toLowerCase())) {
                  vs.forEach(v -> req.header(k, v));
                }
              });
      HttpResponse<byte[]> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (bucket == reads) {
        long halves = Math.max(1, (resp.body().length + 4095) / 4096);
        readUnitsHalves.addAndGet(halves);
        reads.take(halves / 2.0);
      } else if (bucket == writes) {
        long units = writeUnits(op, body);
        writeUnits.addAndGet(units);
        writes.take(units);
      }
      pause();
      if (op.equals("Scan") && resp.statusCode() == 200) {
        firstScanAnswered.compareAndSet(0, System.nanoTime());
      }
      reply(
          ex,
          resp.statusCode(),
          resp.body(),
          resp.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.0"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long writeUnits(String op, byte[] body) {
    if (!op.equals("BatchWriteItem")) {
      return Math.max(1, (body.length + 1023) / 1024);
    }
    String text = new String(body, StandardCharsets.UTF_8);
    int items = count(text, "\"PutRequest\"") + count(text, "\"DeleteRequest\"");
    long perItem = Math.max(1, (body.length / Math.max(1, items) + 1023) / 1024);
    return Math.max(1, items) * perItem;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private void pause() throws InterruptedException {
    if (halfRttNanos > 0) {
      Thread.sleep(halfRttNanos / 1_000_000, (int) (halfRttNanos % 1_000_000));
    }
  }

  private static void reply(HttpExchange ex, int status, byte[] body, String type)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    pool.shutdownNow();
  }

  /** Units per second, with at most one second of unused units saved (strict, no burst credit). */
  static final class TokenBucket {
    private final double rate;
    private double tokens;
    private long last = System.nanoTime();

    TokenBucket(double rate) {
      this.rate = rate;
      this.tokens = rate;
    }

    synchronized boolean hasTokens() {
      refill();
      return tokens > 0;
    }

    synchronized void take(double units) {
      refill();
      tokens -= units;
    }

    private void refill() {
      long now = System.nanoTime();
      tokens = Math.min(rate, tokens + (now - last) / 1e9 * rate);
      last = now;
    }
  }
}
