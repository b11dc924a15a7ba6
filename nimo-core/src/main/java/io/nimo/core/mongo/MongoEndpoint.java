package io.nimo.core.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.nimo.core.config.Secrets;
import java.util.concurrent.TimeUnit;

/**
 * How to reach a MongoDB deployment: a connection string ({@code mongodb://} or {@code
 * mongodb+srv://}, credentials inside it) and a pool size. No I/O until the first operation.
 *
 * @param uri the connection string
 * @param maxConnections the connection pool size
 */
public record MongoEndpoint(String uri, int maxConnections) {

  /**
   * Checks the connection string's form.
   *
   * @param uri the connection string
   * @param maxConnections the connection pool size
   */
  public MongoEndpoint {
    new ConnectionString(uri);
  }

  /**
   * The process's client for this connection string, shared by everyone connecting to the same
   * deployment (one pool per process); close the returned lease when done, never the client.
   *
   * @return a lease on the shared client
   */
  public Connection connect() {
    SharedMongoClients.Lease lease = SharedMongoClients.acquire(uri, this::create);
    return new Connection(lease.client(), lease);
  }

  /**
   * A lease on a shared client.
   *
   * @param client the client (do not close it)
   * @param lease releases the lease
   */
  public record Connection(MongoClient client, AutoCloseable lease) implements AutoCloseable {
    @Override
    public void close() {
      try {
        lease.close();
      } catch (Exception e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  /**
   * Reaches the deployment once (a {@code ping}, which also authenticates), with a client of its
   * own that waits at most {@code timeout} for a server, for the start-up pre-flight.
   *
   * @param timeout how long to wait for a server
   */
  public void probe(java.time.Duration timeout) {
    long ms = Math.max(1, timeout.toMillis());
    try (MongoClient c =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(ms, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(
                    b ->
                        b.connectTimeout((int) ms, TimeUnit.MILLISECONDS)
                            .readTimeout((int) ms, TimeUnit.MILLISECONDS))
                .applicationName("nimo-preflight")
                .build())) {
      c.getDatabase("admin").runCommand(new org.bson.Document("ping", 1));
    }
  }

  private MongoClient create() {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToConnectionPoolSettings(p -> p.maxSize(Math.max(2, maxConnections)))
            .applyToClusterSettings(c -> c.serverSelectionTimeout(30, TimeUnit.SECONDS))
            .applicationName("nimo")
            .build());
  }

  /**
   * The pool size of a job's MongoDB connections: every full-sync writer of every table, every
   * shard reader, plus the checkpoint store and the coordinating threads. Target and checkpoint
   * store ask for the same size, since they share one client per deployment.
   *
   * @return the pool size
   */
  public static int poolSize(io.nimo.core.config.Configuration c) {
    io.nimo.core.config.Concurrency k = io.nimo.core.config.Concurrency.from(c);
    // 4: the MongoDB target's writers per table when full.document.concurrency is 0 (it keeps the
    // SPI's default, TargetProvider.DEFAULT_WRITERS, which this seam package cannot see)
    return k.fullSyncWriters(4) + k.shardReaders() + 8;
  }

  @Override
  public String toString() {
    return "MongoEndpoint[" + Secrets.maskUrlCredentials(uri) + "]";
  }
}
