package io.nimo.core.testkit.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for PolarDB-DDB's DynamoDB-compatible endpoint: an HTTP proxy in front of DynamoDB
 * Local with a switch for each difference PolarDB documents ("Compatibility and Limits", PolarProxy
 * 2.3.64 release notes): per-request strong reads refused or ignored, BatchWriteItem atomic (one
 * refused item fails the whole batch), at most 100 items per Scan or Query page, no consumed
 * capacity, index projections that may not list key attributes, {@code TableNotFound} as the code
 * of a missing table, BatchGetItem's unprocessed keys under a wrong field name (before 2.3.64), and
 * a replica lag: reads serve a key's previous image for a while after each write. Every switch is
 * off until a test turns it on; counters show that each path was taken.
 */
public final class PolarDbDouble implements AutoCloseable {
  private static final String ERROR_TYPE = "com.amazonaws.dynamodb.v20120810#";

  /** What the endpoint does with {@code ConsistentRead = true}. */
  public enum StrongReads {
    /** Honoured, as DynamoDB does. */
    HONOURED,
    /** Refused with a ValidationException. */
    REFUSED,
    /** Accepted and ignored: reads follow the endpoint's own consistency (and its lag). */
    IGNORED
  }

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI real;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(32);
  private final Map<String, List<String>> keyNames = new ConcurrentHashMap<>();
  private final ReplicaLag lag = new ReplicaLag();

  private volatile StrongReads strongReads = StrongReads.HONOURED;
  private volatile Predicate<JsonNode> refusedItem = item -> false;
  private volatile boolean atomicBatches;
  private volatile int pageLimit;
  private volatile boolean noCapacity;
  private volatile boolean refuseKeyProjections;
  private volatile boolean tableNotFoundCode;
  private volatile boolean unprocessedKeysMisnamed;

  /** Requests refused because they asked for a strong read. */
  public final AtomicInteger strongReadsRefused = new AtomicInteger();

  /** Strong reads answered from the lagging replica anyway. */
  public final AtomicInteger strongReadsIgnored = new AtomicInteger();

  /** Batches refused as a whole because of one item. */
  public final AtomicInteger batchesRefused = new AtomicInteger();

  /** Reads answered with a key's previous image. */
  public final AtomicInteger staleReads = new AtomicInteger();

  /** Scan and Query pages cut to the page limit. */
  public final AtomicInteger pagesCut = new AtomicInteger();

  /** Keys BatchGetItem left out and listed under the wrong field name. */
  public final AtomicInteger keysMisreported = new AtomicInteger();

  private PolarDbDouble(URI real) throws IOException {
    this.real = real;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * A stand-in in front of a DynamoDB-API endpoint (DynamoDB Local), every switch off.
   *
   * @param endpoint the real endpoint's URL
   */
  public static PolarDbDouble inFrontOf(String endpoint) {
    try {
      return new PolarDbDouble(URI.create(endpoint));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The stand-in's URL. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** What {@code ConsistentRead = true} gets. */
  public PolarDbDouble strongReads(StrongReads mode) {
    this.strongReads = mode;
    return this;
  }

  /**
   * BatchWriteItem is atomic: a batch holding an item {@code refused} matches fails as a whole
   * (HTTP 500), and PutItem of such an item is refused (HTTP 400).
   */
  public PolarDbDouble atomicBatches(Predicate<JsonNode> refused) {
    this.atomicBatches = true;
    this.refusedItem = refused;
    return this;
  }

  /** Scan and Query return at most {@code items} per response (100 since PolarProxy 2.3.64). */
  public PolarDbDouble pageLimit(int items) {
    this.pageLimit = items;
    return this;
  }

  /** ReturnConsumedCapacity is ignored and ConsumedCapacity never returned. */
  public PolarDbDouble noConsumedCapacity() {
    this.noCapacity = true;
    return this;
  }

  /** CreateTable refuses an index projection that lists a key attribute. */
  public PolarDbDouble refuseKeyProjections() {
    this.refuseKeyProjections = true;
    return this;
  }

  /** A missing table's error code is {@code TableNotFound}. */
  public PolarDbDouble tableNotFoundCode() {
    this.tableNotFoundCode = true;
    return this;
  }

  /**
   * BatchGetItem leaves one key in five unprocessed and reports it under {@code UnprocessedKey}
   * (PolarProxy before 2.3.64), so a client sees the key neither found nor unprocessed.
   */
  public PolarDbDouble unprocessedKeysMisnamed() {
    this.unprocessedKeysMisnamed = true;
    return this;
  }

  /** Reads serve a key's previous image for {@code millis} after each write (0 = none). */
  public PolarDbDouble replicaLag(long millis) {
    lag.set(millis);
    return this;
  }

  /** Every switch off, the replica caught up. */
  public PolarDbDouble reset() {
    strongReads = StrongReads.HONOURED;
    atomicBatches = false;
    refusedItem = item -> false;
    pageLimit = 0;
    noCapacity = false;
    refuseKeyProjections = false;
    tableNotFoundCode = false;
    unprocessedKeysMisnamed = false;
    lag.set(0);
    return this;
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      Call call = new Call(x, json.readTree(x.getRequestBody().readAllBytes()));
      Answer a = answer(call);
      byte[] body = json.writeValueAsBytes(a.body());
      x.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
      x.sendResponseHeaders(a.status(), body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    } catch (RuntimeException | IOException e) {
      x.sendResponseHeaders(500, -1);
    }
  }

  /** One request: its operation, body and the headers that are forwarded. */
  final class Call {
    final String op;
    final ObjectNode body;
    final Map<String, List<String>> headers;

    Call(HttpExchange x, JsonNode body) {
      String target = x.getRequestHeaders().getFirst("X-Amz-Target");
      this.op = target.substring(target.indexOf('.') + 1);
      this.body = (ObjectNode) body;
      this.headers = x.getRequestHeaders();
    }
  }

  /** A response: status and JSON body. */
  record Answer(int status, JsonNode body) {}

  private Answer answer(Call c) throws IOException {
    if (noCapacity) {
      c.body.remove("ReturnConsumedCapacity");
    }
    Answer early = refusals(c);
    if (early != null) {
      return early;
    }
    Map<String, JsonNode> before = lag.millis() > 0 ? Writes.before(this, c) : Map.of();
    Answer a = forward(c.op, c.body, c);
    if (a.status() == 200) {
      long now = System.currentTimeMillis();
      before.forEach((k, image) -> lag.written(tableOf(k), keyOf(k), image, now));
      a = new Answer(200, afterRead(c, (ObjectNode) a.body(), now));
    } else if (tableNotFoundCode
        && a.body().path("__type").asText().endsWith("ResourceNotFoundException")) {
      ((ObjectNode) a.body()).put("__type", ERROR_TYPE + "TableNotFound");
    }
    if (noCapacity && a.body() instanceof ObjectNode o) {
      o.remove("ConsumedCapacity");
    }
    return a;
  }

  /** Requests the endpoint refuses before they reach the table. */
  private Answer refusals(Call c) {
    boolean strong = Reads.asksStrong(c);
    if (strong && strongReads == StrongReads.REFUSED) {
      strongReadsRefused.incrementAndGet();
      return error(400, "ValidationException", "ConsistentRead=true is not supported");
    }
    if (strong && strongReads == StrongReads.IGNORED) {
      strongReadsIgnored.incrementAndGet();
      Reads.dropStrong(c);
    }
    if (atomicBatches && c.op.equals("BatchWriteItem") && Writes.anyPut(c, refusedItem)) {
      batchesRefused.incrementAndGet();
      return error(500, "InternalServerError", "the batch failed as a whole: an item was refused");
    }
    if (atomicBatches && c.op.equals("PutItem") && refusedItem.test(c.body.path("Item"))) {
      return error(400, "ValidationException", "the item was refused");
    }
    if (refuseKeyProjections && c.op.equals("CreateTable") && Tables.projectsKeys(c.body)) {
      return error(400, "ValidationException", "a projection may not list key attributes");
    }
    if (pageLimit > 0 && (c.op.equals("Scan") || c.op.equals("Query"))) {
      int asked = c.body.path("Limit").asInt(0);
      if (asked == 0 || asked > pageLimit) {
        c.body.put("Limit", pageLimit);
        pagesCut.incrementAndGet();
      }
    }
    return null;
  }

  private JsonNode afterRead(Call c, ObjectNode response, long now) throws IOException {
    if (lag.millis() > 0) {
      Reads.stale(this, c, response, now);
    }
    if (unprocessedKeysMisnamed && c.op.equals("BatchGetItem")) {
      Reads.misreport(this, c, response);
    }
    return response;
  }

  /** Sends a request to the real endpoint with the caller's headers; answers its response. */
  Answer forward(String op, JsonNode body, Call c) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(real)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "DynamoDB_20120810." + op);
    for (String h : List.of("Authorization", "X-Amz-Date", "X-Amz-Security-Token")) {
      String v = c.headers.get(h) == null ? null : c.headers.get(h).get(0);
      if (v != null) {
        b.header(h, v);
      }
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), json.readTree(r.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private Answer error(int status, String code, String message) {
    return new Answer(
        status, json.createObjectNode().put("__type", ERROR_TYPE + code).put("message", message));
  }

  /** The key attribute names of a table, asked of the real endpoint once. */
  List<String> keyNames(String table, Call c) throws IOException {
    List<String> known = keyNames.get(table);
    if (known != null) {
      return known;
    }
    Answer d = forward("DescribeTable", json.createObjectNode().put("TableName", table), c);
    List<String> names = new ArrayList<>();
    d.body()
        .path("Table")
        .path("KeySchema")
        .forEach(k -> names.add(k.path("AttributeName").asText()));
    keyNames.put(table, names);
    return names;
  }

  /** {@code table NUL key-json}: a key of a table, as the lag tracks it. */
  String keyId(String table, JsonNode item, List<String> names) {
    ObjectNode key = json.createObjectNode();
    for (String n : names) {
      key.set(n, item.path(n));
    }
    return table + "\u0000" + key;
  }

  static String tableOf(String keyId) {
    return keyId.substring(0, keyId.indexOf('\u0000'));
  }

  static String keyOf(String keyId) {
    return keyId.substring(keyId.indexOf('\u0000') + 1);
  }

  ReplicaLag lag() {
    return lag;
  }

  ObjectMapper json() {
    return json;
  }

  static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    return () -> it;
  }

  static ArrayNode array(JsonNode node) {
    return node instanceof ArrayNode a ? a : new ObjectMapper().createArrayNode();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
