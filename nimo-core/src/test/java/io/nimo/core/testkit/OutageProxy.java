package io.nimo.core.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of a test server, to take it "down" for a while without losing its data:
 * {@link #down()} drops every open connection and refuses new ones (connection refused, as a
 * crashed server), {@link #up()} listens on the same port again.
 */
public final class OutageProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile boolean silent;

  /** Requests that hang while the proxy is silent: bytes never passed on, connections held. */
  private final java.util.concurrent.atomic.AtomicLong hanging =
      new java.util.concurrent.atomic.AtomicLong();

  public OutageProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    }
    up();
  }

  public int port() {
    return port;
  }

  public synchronized void up() throws IOException {
    silent = false;
    if (server != null && !server.isClosed()) {
      return;
    }
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = s;
    Thread t = new Thread(() -> accept(s), "outage-proxy-" + port);
    t.setDaemon(true);
    t.start();
  }

  public void silence() {
    silent = true;
  }

  /** How many requests (bytes or connections) have hung since the proxy fell silent. */
  public long hanging() {
    return hanging.get();
  }

  public synchronized void down() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        open.add(client);
        if (silent) {
          hanging.incrementAndGet();
          continue; // held open, never answered
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        return; // closed by down()
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                  if (!silent) {
                    out.write(buf, 0, n);
                  } else {
                    hanging.addAndGet(n);
                  }
                }
              } catch (IOException e) {
                // either side closed
              } finally {
                try {
                  to.close();
                } catch (IOException ignored) {
                  // already closed
                }
              }
            },
            "outage-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    down();
  }
}
