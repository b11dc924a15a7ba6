package io.nimo.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in memory) on 127.0.0.1 for the benchmarks: no
 * real mongod can be installed on these machines. Stops on SIGTERM.
 *
 * <p>Usage: {@code MongoServerMain --port N}
 */
public final class MongoServerMain {
  private MongoServerMain() {}

  public static void main(String[] argv) throws Exception {
    int port = new Args(argv).getInt("port", 27017);
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    System.out.println("READY mongodb://127.0.0.1:" + port);
    Thread.currentThread().join();
  }
}
