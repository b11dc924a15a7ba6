package io.nimo.core.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that accepts connections and never answers, counting them: a server that hangs,
 * whose {@link #accepted} count tells a test that a client has reached it (an event to wait for,
 * instead of a pause).
 */
public final class SilentServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  /** Connections accepted so far. */
  public final AtomicInteger accepted = new AtomicInteger();

  private SilentServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  held.add(server.accept());
                  accepted.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "silent-server-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /** A silent server on a free loopback port. */
  public static SilentServer start() {
    try {
      return new SilentServer();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : held) {
      s.close();
    }
  }
}
