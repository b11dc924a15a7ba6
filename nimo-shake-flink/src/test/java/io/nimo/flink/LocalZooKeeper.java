package io.nimo.flink;

import io.nimo.core.testkit.DynamoLocal;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/** A single ZooKeeper server on a free local port, for Flink's ZooKeeper high availability. */
final class LocalZooKeeper implements AutoCloseable {
  private final ServerCnxnFactory connections;
  final int port;

  private LocalZooKeeper(ServerCnxnFactory connections, int port) {
    this.connections = connections;
    this.port = port;
  }

  static LocalZooKeeper start(Path dir) throws Exception {
    System.setProperty("zookeeper.admin.enableServer", "false");
    File data = dir.toFile();
    ZooKeeperServer server = new ZooKeeperServer(data, data, 2000);
    int port = DynamoLocal.freePort();
    ServerCnxnFactory connections =
        ServerCnxnFactory.createFactory(new InetSocketAddress("localhost", port), 100);
    connections.startup(server);
    return new LocalZooKeeper(connections, port);
  }

  String quorum() {
    return "localhost:" + port;
  }

  @Override
  public void close() {
    connections.shutdown();
  }
}
