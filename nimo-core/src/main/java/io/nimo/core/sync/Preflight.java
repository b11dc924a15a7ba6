package io.nimo.core.sync;

import io.nimo.core.checkpoint.CheckpointStores;
import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.dynamo.DynamoEndpoint;
import io.nimo.core.dynamo.DynamoProbeClassifier;
import io.nimo.core.probe.ProbeFailure;
import io.nimo.core.probe.Problem;
import io.nimo.core.sink.TargetProviders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The start-up pre-flight: the source, the target and (for nimo-shake) the checkpoint store are
 * each reached once, in parallel, without retries and within {@code preflight.timeout}, before any
 * work. Each endpoint that cannot be reached, refuses the credentials or lacks a permission is one
 * {@link ProbeFailure} naming its key. A first-run typo in an address is then one line at once, not
 * minutes of retries.
 */
public final class Preflight {
  /** What a probe may take beyond its own timeout before it counts as hung. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private Preflight() {}

  /**
   * Probes the endpoints a tool uses.
   *
   * @param c a validated nimo-shake configuration
   * @param checkpoint whether the tool uses the checkpoint store
   * @return the failures, one per endpoint (empty when all answered, or the pre-flight is off)
   */
  public static List<ProbeFailure> run(Configuration c, boolean checkpoint) {
    Duration timeout = c.get(ShakeOptions.PREFLIGHT_TIMEOUT);
    if (timeout.isZero()) {
      return List.of();
    }
    Map<String, Runnable> probes = new LinkedHashMap<>();
    probes.put("source", () -> probeSource(c, timeout));
    probes.put(
        "target",
        () -> TargetProviders.forType(c.get(TargetAccessOptions.TARGET_TYPE)).probe(c, timeout));
    if (checkpoint) {
      probes.put(
          "checkpoint",
          () -> CheckpointStores.forType(c.get(ShakeOptions.CHECKPOINT_TYPE)).probe(c, timeout));
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(probes.size(), new NamedThreadFactory("nimo-preflight"));
    try {
      Map<String, Future<?>> running = new LinkedHashMap<>();
      probes.forEach((what, probe) -> running.put(what, pool.submit(probe)));
      List<ProbeFailure> failures = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
      for (Map.Entry<String, Future<?>> e : running.entrySet()) {
        ProbeFailure f = outcome(c, e.getKey(), e.getValue(), deadline, timeout);
        // the checkpoint store often lives at the target's address: say it once
        if (f != null && failures.stream().noneMatch(x -> x.getMessage().equals(f.getMessage()))) {
          failures.add(f);
        }
      }
      return failures;
    } finally {
      pool.shutdownNow();
    }
  }

  private static ProbeFailure outcome(
      Configuration c, String what, Future<?> f, long deadline, Duration timeout) {
    try {
      f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProbeFailure p) {
        return p;
      }
      return new ProbeFailure(
          what, what, Problem.ERROR, String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (TimeoutException e) {
      f.cancel(true);
      io.nimo.core.config.ConfigOption<String> key =
          what.equals("source")
              ? SourceOptions.SOURCE_ENDPOINT
              : what.equals("target")
                  ? TargetAccessOptions.TARGET_ADDRESS
                  : ShakeOptions.CHECKPOINT_ADDRESS;
      return new ProbeFailure(
          key.key(),
          c.get(key),
          Problem.UNREACHABLE,
          "no answer within " + timeout.plus(GRACE),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the start-up pre-flight", e);
    }
  }

  private static void probeSource(Configuration c, Duration timeout) {
    String url = c.get(SourceOptions.SOURCE_ENDPOINT);
    String key =
        url.isBlank() ? SourceOptions.SOURCE_REGION.key() : SourceOptions.SOURCE_ENDPOINT.key();
    String address =
        url.isBlank() ? c.get(SourceOptions.SOURCE_REGION) + " (the region's AWS endpoint)" : url;
    ProbeFailure.attempt(
        key,
        address,
        DynamoProbeClassifier::problem,
        () -> DynamoEndpoint.source(c, 1).probe(timeout));
  }
}
