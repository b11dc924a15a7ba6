package io.nimo.core.sync;

import io.nimo.core.checkpoint.CheckpointStores;
import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.config.CheckpointAccess;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.config.TargetAccess;
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

  /** One endpoint to reach: the key an operator sets it with, its address, and the probe. */
  private record Probe(String key, String address, Runnable run) {}

  /** What the pre-flight reaches, read from the configuration once. */
  private record Plan(Duration timeout, Map<String, Probe> probes) {
    static Plan from(Configuration c, boolean checkpoint) {
      Duration timeout = c.get(ShakeOptions.PREFLIGHT_TIMEOUT);
      Map<String, Probe> probes = new LinkedHashMap<>();
      DynamoEndpoint source = DynamoEndpoint.source(c, 1);
      boolean aws = source.endpoint().isBlank();
      String sourceKey = (aws ? SourceOptions.SOURCE_REGION : SourceOptions.SOURCE_ENDPOINT).key();
      String sourceAddress =
          aws ? source.region() + " (the region's AWS endpoint)" : source.endpoint();
      probes.put(
          "source",
          new Probe(
              sourceKey,
              sourceAddress,
              () ->
                  ProbeFailure.attempt(
                      sourceKey,
                      sourceAddress,
                      DynamoProbeClassifier::problem,
                      () -> source.probe(timeout))));
      TargetAccess target = TargetAccess.from(c);
      probes.put(
          "target",
          new Probe(
              TargetAccessOptions.TARGET_ADDRESS.key(),
              target.address(),
              () -> TargetProviders.forType(target.type()).probe(c, timeout)));
      if (checkpoint) {
        CheckpointAccess store = CheckpointAccess.from(c);
        probes.put(
            "checkpoint",
            new Probe(
                ShakeOptions.CHECKPOINT_ADDRESS.key(),
                store.address(),
                () -> CheckpointStores.forType(store.type()).probe(c, timeout)));
      }
      return new Plan(timeout, probes);
    }
  }

  /**
   * Probes the endpoints a tool uses.
   *
   * @param c a validated nimo-shake configuration
   * @param checkpoint whether the tool uses the checkpoint store
   * @return the failures, one per endpoint (empty when all answered, or the pre-flight is off)
   */
  public static List<ProbeFailure> run(Configuration c, boolean checkpoint) {
    Plan plan = Plan.from(c, checkpoint);
    Duration timeout = plan.timeout();
    if (timeout.isZero()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            plan.probes().size(), new NamedThreadFactory("nimo-preflight"));
    try {
      Map<String, Future<?>> running = new LinkedHashMap<>();
      plan.probes().forEach((what, probe) -> running.put(what, pool.submit(probe.run())));
      List<ProbeFailure> failures = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
      for (Map.Entry<String, Future<?>> e : running.entrySet()) {
        ProbeFailure f =
            outcome(plan.probes().get(e.getKey()), e.getKey(), e.getValue(), deadline, timeout);
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
      Probe probe, String what, Future<?> f, long deadline, Duration timeout) {
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
      return new ProbeFailure(
          probe.key(),
          probe.address(),
          Problem.UNREACHABLE,
          "no answer within " + timeout.plus(GRACE),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the start-up pre-flight", e);
    }
  }
}
