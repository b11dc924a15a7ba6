package io.nimo.core.testkit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in memory) on a free loopback port, for the
 * official driver. No real mongod can be installed on the build machines; this server runs CRUD,
 * bulk writes, indexes and renames, but no sharding commands or transactions.
 *
 * <p>With the system property {@value #EXTERNAL} set to a connection string, {@link #start()} uses
 * that server instead (e.g. FerretDB, run by hand; see the README) and {@link #close()} leaves it
 * running; the tests then need a fresh server per run, since their database names repeat.
 */
public final class MongoLocal implements AutoCloseable {
  /** The system property naming an external server for {@link #start()}. */
  public static final String EXTERNAL = "nimo.test.mongodb.uri";

  private final MongoServer server;
  private final String uri;
  private MongoClient client;

  private MongoLocal(MongoServer server, String uri) {
    this.server = server;
    this.uri = uri;
  }

  /**
   * Starts a fresh server.
   *
   * @return the running server
   */
  public static MongoLocal start() {
    String external = System.getProperty(EXTERNAL, "");
    if (!external.isBlank()) {
      return new MongoLocal(null, external);
    }
    return start(new MemoryBackend());
  }

  /**
   * Starts a fresh server over the given backend.
   *
   * @param backend e.g. a {@link ShardingRecorder}
   * @return the running server
   */
  public static MongoLocal start(MemoryBackend backend) {
    MongoServer server = new MongoServer(backend);
    String uri = server.bindAndGetConnectionString();
    return new MongoLocal(server, uri);
  }

  /**
   * Its connection string.
   *
   * @return e.g. {@code mongodb://127.0.0.1:41234}
   */
  public String uri() {
    return uri;
  }

  /**
   * A client for assertions, closed with the server.
   *
   * @return the client
   */
  public synchronized MongoClient client() {
    if (client == null) {
      client = MongoClients.create(uri);
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }
}
