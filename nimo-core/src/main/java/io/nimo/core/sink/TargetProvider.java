package io.nimo.core.sink;

import io.nimo.core.config.Configuration;
import io.nimo.core.retry.Timing;
import java.util.Set;

/**
 * Creates target sessions for one {@code target.type}. Implementations are found with {@link
 * java.util.ServiceLoader} (list them in {@code
 * META-INF/services/io.nimo.core.sink.TargetProvider}), so a conf file can name a third-party
 * target.
 */
public interface TargetProvider {

  /** The {@code target.type} value this provider serves. */
  String type();

  /** Other accepted names for the type. */
  default Set<String> aliases() {
    return Set.of();
  }

  /**
   * Checks the keys this target reads (values, contradictions, its batch limit) before anything is
   * opened; throws {@link io.nimo.core.config.ConfigException} naming the key.
   */
  default void validate(Configuration config) {}

  /** Items per write of a target that names no batch size of its own (BatchWriteItem's 25). */
  int DEFAULT_BATCH_SIZE = 25;

  /** Writer threads per table of a target that names no count of its own. */
  int DEFAULT_WRITERS = 4;

  /**
   * The batch size used when {@code full.document.write.batch} is not set.
   *
   * @return items per write
   */
  default int defaultBatchSize() {
    return DEFAULT_BATCH_SIZE;
  }

  /**
   * The writer threads per table used when {@code full.document.concurrency} is 0 (the default).
   *
   * @return writer threads per table
   */
  default int defaultWriters() {
    return DEFAULT_WRITERS;
  }

  /**
   * Opens a session; must not do network I/O before the first table call.
   *
   * @param timing the clock and sleeper the session's retries must use
   * @return a session over the target (owned by the caller)
   */
  TargetSession open(Configuration config, Timing timing);

  /**
   * Reaches the target once, within {@code timeout} and without retries, before any work (the
   * start-up pre-flight). The default does nothing: a provider that cannot probe is not probed.
   *
   * @param timeout how long the probe may take
   * @throws io.nimo.core.probe.ProbeFailure naming the key and the masked address
   */
  default void probe(Configuration config, java.time.Duration timeout) {}
}
