package io.nimo.core.wiring;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.checkpoint.CheckpointStores;
import io.nimo.core.config.Configuration;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.DynamoEndpoint;
import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.dynamo.ExportApi;
import io.nimo.core.dynamo.SdkExportApi;
import io.nimo.core.dynamo.SdkStreamsApi;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Sleeper;
import io.nimo.core.retry.Timing;
import io.nimo.core.s3.ObjectStore;
import io.nimo.core.sink.TargetProvider;
import io.nimo.core.sink.TargetProviders;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.source.export.ExportSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of every job (sync, check, repair): the source, its streams, the target, the
 * checkpoint store and the source retrier, built from one {@link Configuration} with one {@link
 * Timing}. A part given to the builder is used as is; any other part is created from the
 * configuration on first use (no I/O before), so a check never opens a checkpoint store. Every part
 * the components hold, given or created, is closed with them.
 *
 * <p>Thread-safe: parts are created at most once.
 */
public final class JobComponents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobComponents.class);

  private final Configuration config;
  private final Timing timing;
  private final Part<DynamoClient> source;
  private final Part<StreamsApi> streams;
  private final Part<ExportApi> exports;
  private final Part<ObjectStore> objects;
  private final Part<TargetSession> targets;
  private final Part<CheckpointStore> store;
  private final Retrier sourceRetrier;
  private final int defaultBatchSize;
  private final int defaultWriters;

  private JobComponents(Builder b) {
    this.config = b.config;
    this.timing = new Timing(b.clock, b.sleeper);
    DynamoEndpoint endpoint = DynamoEndpoint.source(config, b.sourceConnections);
    this.source = new Part<>(b.source, endpoint::buildApi);
    this.streams = new Part<>(b.streams, () -> SdkStreamsApi.open(endpoint));
    this.exports = new Part<>(b.exports, () -> new SdkExportApi(endpoint.buildClient()));
    this.objects = new Part<>(b.objects, () -> ExportSettings.from(config).openStore());
    // providers are looked up now, so an unknown type is a config error before any I/O
    TargetProvider targetProvider = b.targets != null ? null : TargetProviders.validated(config);
    CheckpointStoreProvider storeProvider =
        b.store != null
            ? null
            : io.nimo.core.config.CheckpointAccess.of(config)
                .map(a -> CheckpointStores.forType(a.type()))
                .orElse(null);
    // an injected target session has no provider: the SPI's own defaults
    this.defaultBatchSize =
        targetProvider == null
            ? TargetProvider.DEFAULT_BATCH_SIZE
            : targetProvider.defaultBatchSize();
    this.defaultWriters =
        targetProvider == null ? TargetProvider.DEFAULT_WRITERS : targetProvider.defaultWriters();
    this.targets = new Part<>(b.targets, () -> targetProvider.open(config, timing));
    this.store =
        new Part<>(
            b.store,
            () -> {
              if (storeProvider == null) {
                throw new IllegalStateException("this tool's configuration declares no checkpoint");
              }
              return storeProvider.open(config, timing);
            });
    this.sourceRetrier = DynamoErrorClassifier.retrier(config, timing);
  }

  /**
   * A builder over a validated configuration.
   *
   * @return a builder
   */
  public static Builder builder(Configuration config) {
    return new Builder(config);
  }

  /** The configuration the parts are built from. */
  public Configuration config() {
    return config;
  }

  /**
   * The clock and sleeper every part uses.
   *
   * @return the timing
   */
  public Timing timing() {
    return timing;
  }

  /**
   * The clock of {@link #timing()}.
   *
   * @return the clock
   */
  public Clock clock() {
    return timing.clock();
  }

  /**
   * The source DynamoDB endpoint.
   *
   * @return the source
   */
  public DynamoClient source() {
    return source.get();
  }

  /**
   * The source's DynamoDB Streams endpoint.
   *
   * @return the streams endpoint
   */
  public StreamsApi streams() {
    return streams.get();
  }

  /**
   * The source's export API (ExportTableToPointInTime, DescribeExport).
   *
   * @return the export API
   */
  public ExportApi exports() {
    return exports.get();
  }

  /**
   * The S3 store of the exports ({@code full.export.*}).
   *
   * @return the store
   */
  public ObjectStore objects() {
    return objects.get();
  }

  /**
   * The target named by {@code target.type}.
   *
   * @return the target session
   */
  public TargetSession targets() {
    return targets.get();
  }

  /** The checkpoint store named by {@code checkpoint.type}. */
  public CheckpointStore store() {
    return store.get();
  }

  /**
   * Retries source calls within {@code retry.budget}.
   *
   * @return the source retrier
   */
  public Retrier sourceRetrier() {
    return sourceRetrier;
  }

  /**
   * The target's batch size when {@code full.document.write.batch} is not set.
   *
   * @return items per write
   */
  public int defaultBatchSize() {
    return defaultBatchSize;
  }

  /**
   * The target's writer threads per table, for {@code full.document.concurrency = 0}.
   *
   * @return writer threads per table
   */
  public int defaultWriters() {
    return defaultWriters;
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (Part<? extends AutoCloseable> p :
        List.of(store, targets, objects, exports, streams, source)) {
      try {
        p.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      LOG.warn("closing the job's components: {}", failures.get(0).getMessage());
    }
  }

  /** One part: given, or created on first use; closed only if it exists. */
  private static final class Part<T extends AutoCloseable> {
    private final Supplier<T> factory;
    private T value;

    Part(T given, Supplier<T> factory) {
      this.value = given;
      this.factory = factory;
    }

    synchronized T get() {
      if (value == null) {
        value = factory.get();
      }
      return value;
    }

    synchronized void close() {
      if (value != null) {
        try {
          value.close();
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
    }
  }

  /** Collects the given parts; everything else comes from the configuration. */
  public static final class Builder {
    private final Configuration config;
    private DynamoClient source;
    private StreamsApi streams;
    private ExportApi exports;
    private ObjectStore objects;
    private TargetSession targets;
    private CheckpointStore store;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private int sourceConnections = 8;

    private Builder(Configuration config) {
      this.config = config;
    }

    /**
     * The source endpoint (owned by the components: closed with them).
     *
     * @return this builder
     */
    public Builder source(DynamoClient source) {
      this.source = source;
      return this;
    }

    /**
     * The source's streams endpoint (owned by the components).
     *
     * @param streams the streams endpoint
     * @return this builder
     */
    public Builder streams(StreamsApi streams) {
      this.streams = streams;
      return this;
    }

    /**
     * The source's export API (owned by the components).
     *
     * @param exports the export API
     * @return this builder
     */
    public Builder exports(ExportApi exports) {
      this.exports = exports;
      return this;
    }

    /**
     * The exports' S3 store (owned by the components).
     *
     * @param objects the store
     * @return this builder
     */
    public Builder objects(ObjectStore objects) {
      this.objects = objects;
      return this;
    }

    /**
     * The target (owned by the components).
     *
     * @param targets the target session
     * @return this builder
     */
    public Builder target(TargetSession targets) {
      this.targets = targets;
      return this;
    }

    /**
     * The checkpoint store (owned by the components).
     *
     * @return this builder
     */
    public Builder checkpointStore(CheckpointStore store) {
      this.store = store;
      return this;
    }

    /**
     * The clock for rates, lag, deadlines and checkpoint ages.
     *
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * How retries and pauses wait.
     *
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * The HTTP connection pool size of a source endpoint created from the configuration.
     *
     * @param connections pool size
     * @return this builder
     */
    public Builder sourceConnections(int connections) {
      this.sourceConnections = connections;
      return this;
    }

    /**
     * The components; nothing is created or connected yet.
     *
     * @return the components
     */
    public JobComponents build() {
      return new JobComponents(this);
    }
  }
}
