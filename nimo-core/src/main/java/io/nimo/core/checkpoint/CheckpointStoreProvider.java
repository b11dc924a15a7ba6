package io.nimo.core.checkpoint;

import io.nimo.core.config.Configuration;

/**
 * Creates the checkpoint store for one {@code checkpoint.type}; found with {@link
 * java.util.ServiceLoader} under {@code
 * META-INF/services/io.nimo.core.checkpoint.CheckpointStoreProvider}.
 */
public interface CheckpointStoreProvider {

  /** The {@code checkpoint.type} value this provider serves. */
  String type();

  /**
   * Checks this store's keys without any I/O, before anything is contacted (e.g. that {@code
   * checkpoint.address}, or the target's address it falls back to, is of this store's kind). The
   * default accepts everything.
   *
   * @throws io.nimo.core.config.ConfigException naming the key
   */
  default void validate(Configuration config) {}

  /**
   * Opens the store; may create directories but must not load state yet.
   *
   * @param timing the clock and sleeper the store's retries must use
   * @return the store
   */
  CheckpointStore open(Configuration config, io.nimo.core.retry.Timing timing);

  /**
   * Reaches the store once, within {@code timeout} and without retries, before any work (the
   * start-up pre-flight). The default does nothing.
   *
   * @param timeout how long the probe may take
   * @throws io.nimo.core.probe.ProbeFailure naming the key and the masked address
   */
  default void probe(Configuration config, java.time.Duration timeout) {}
}
