package io.nimo.core.wiring;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeRules;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.ExportApi;
import io.nimo.core.sink.TargetSession;
import java.time.Clock;

/**
 * What the builders of {@code SyncJob}, {@code CheckJob} and {@code RepairJob} share: the validated
 * configuration and the composition root's builder, with the endpoints an embedder may supply
 * instead of having them made from the configuration. A job owns (closes) what it is given.
 *
 * @param <B> the concrete builder
 */
public abstract class JobBuilder<B extends JobBuilder<B>> {
  /** The validated configuration. */
  protected final Configuration config;

  /** The composition root being assembled. */
  protected final JobComponents.Builder parts;

  /** Validates the configuration's cross-key rules. */
  protected JobBuilder(Configuration config) {
    ShakeRules.validate(config);
    this.config = config;
    this.parts = JobComponents.builder(config);
  }

  /**
   * This builder, typed.
   *
   * @return this
   */
  protected abstract B self();

  /**
   * The source endpoint (instead of {@code source.*}).
   *
   * @return this builder
   */
  public B source(DynamoClient source) {
    parts.source(source);
    return self();
  }

  /**
   * The target (instead of {@code target.*}).
   *
   * @param targets the target session
   * @return this builder
   */
  public B target(TargetSession targets) {
    parts.target(targets);
    return self();
  }

  /**
   * The source's export calls (instead of ones made from {@code source.*}), for {@code full.source
   * = export}.
   *
   * @param exports the export API
   * @return this builder
   */
  public B exports(ExportApi exports) {
    parts.exports(exports);
    return self();
  }

  /**
   * The clock of every timestamp, deadline and retry budget (default UTC system clock).
   *
   * @return this builder
   */
  public B clock(Clock clock) {
    parts.clock(clock);
    return self();
  }
}
