package io.nimo.core.dynamo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one DynamoDB-API endpoint makes of per-request strong reads ({@code ConsistentRead = true}),
 * learned once per endpoint and shared by every client of it in this process (target, checkpoint
 * store). AWS DynamoDB honours the flag. PolarDB-DDB sets consistency on the endpoint and cannot
 * honour it per request: with {@code target.type = polardb} nimo never asks; any other endpoint
 * that refuses the flag is not asked again (logged once). Reads are <em>strong</em> only where the
 * flag is asked and known to be honoured; elsewhere a read may lag the last write, and the check
 * compares differences again after a pause before reporting them.
 */
public final class ReadConsistency {
  private static final Logger LOG = LoggerFactory.getLogger(ReadConsistency.class);
  private static final Map<String, ReadConsistency> BY_ENDPOINT = new ConcurrentHashMap<>();

  private final String endpoint;
  private final boolean honoured;
  private final AtomicBoolean ask;

  private ReadConsistency(String endpoint, boolean ask, boolean honoured) {
    this.endpoint = endpoint;
    this.ask = new AtomicBoolean(ask);
    this.honoured = honoured;
  }

  /** An endpoint known to honour per-request strong reads (AWS DynamoDB), not shared. */
  public static ReadConsistency honoured() {
    return new ReadConsistency("", true, true);
  }

  /**
   * An endpoint asked for strong reads per request.
   *
   * @param endpoint the endpoint's URL (its identity here); empty for AWS by region
   * @param honoured whether the flag is known to be honoured (AWS DynamoDB), not just accepted
   */
  public static ReadConsistency perRequest(String endpoint, boolean honoured) {
    return BY_ENDPOINT.computeIfAbsent(endpoint, e -> new ReadConsistency(e, true, honoured));
  }

  /**
   * An endpoint whose consistency is its own setting (PolarDB-DDB): never asked per request.
   *
   * @param endpoint the endpoint's URL
   */
  public static ReadConsistency endpointSetting(String endpoint) {
    ReadConsistency c =
        BY_ENDPOINT.computeIfAbsent(endpoint, e -> new ReadConsistency(e, false, false));
    c.ask.set(false);
    return c;
  }

  /**
   * What a DynamoDB-API target endpoint makes of per-request strong reads: {@code target.type =
   * polardb} sets consistency on the endpoint (never asked per request); {@code dynamodb} asks, and
   * trusts the answer only from AWS DynamoDB (no address, or an {@code amazonaws.com} host) and
   * DynamoDB Local on this host; any other endpoint (a PolarDB-DDB address with the default type,
   * {@code aliyun_dynamo_proxy}) is asked and learnt from its answer, but not trusted to be strong.
   *
   * @param type the {@code target.type} as written
   * @param endpoint the endpoint's URL, empty for AWS by region
   */
  public static ReadConsistency forTargetType(String type, String endpoint) {
    String t = type.toLowerCase(java.util.Locale.ROOT);
    if (t.equals("polardb")) {
      return endpointSetting(endpoint);
    }
    return perRequest(endpoint, t.equals("dynamodb") && awsOrLocal(endpoint));
  }

  private static boolean awsOrLocal(String endpoint) {
    if (endpoint.isBlank()) {
      return true;
    }
    String host = java.net.URI.create(endpoint).getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(java.util.Locale.ROOT);
    return host.endsWith(".amazonaws.com")
        || host.endsWith(".amazonaws.com.cn")
        || host.equals("localhost")
        || host.equals("127.0.0.1")
        || host.equals("[::1]");
  }

  /** Whether reads ask for {@code ConsistentRead = true}. */
  public boolean ask() {
    return ask.get();
  }

  /** Whether a read right after a write is known to see it. */
  public boolean strong() {
    return ask.get() && honoured;
  }

  /** The endpoint refused the flag: stop asking for it, and say so once. */
  void refused(Throwable answer) {
    if (ask.compareAndSet(true, false)) {
      LOG.warn(
          "endpoint {} refuses per-request strong reads (ConsistentRead=true: {}): nimo stops asking"
              + " for them; reads now follow the endpoint's own consistency, and the check compares"
              + " differences again after a pause (point nimo-full-check at an endpoint preset to"
              + " strong consistency to avoid it)",
          endpoint.isBlank() ? "(AWS, by region)" : endpoint,
          answer.getMessage());
    }
  }

  /** One line on the reads this endpoint gets, for the pre-flight. */
  public String describe() {
    if (strong()) {
      return "strong reads per request (ConsistentRead=true)";
    }
    return ask()
        ? "ConsistentRead=true asked, but not known to be honoured: reads may lag the last write"
        : "the endpoint's own read consistency (no per-request strong reads): reads may lag the"
            + " last write unless the endpoint is preset to strong consistency";
  }
}
