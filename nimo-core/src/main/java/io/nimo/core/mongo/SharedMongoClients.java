package io.nimo.core.mongo;

import com.mongodb.client.MongoClient;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One MongoDB client per connection string in a process: the target and a checkpoint store on the
 * same deployment share one pool instead of opening two. Each {@link #acquire} is paired with a
 * {@link Lease#close}; the client closes when its last lease does. Thread-safe.
 */
final class SharedMongoClients {
  private static final Map<String, Entry> CLIENTS = new HashMap<>();

  private SharedMongoClients() {}

  private static final class Entry {
    final MongoClient client;
    int leases;

    Entry(MongoClient client) {
      this.client = client;
    }
  }

  /** A use of a shared client; closing it releases the use. */
  static final class Lease implements AutoCloseable {
    private final String uri;
    private final MongoClient client;
    private boolean closed;

    private Lease(String uri, MongoClient client) {
      this.uri = uri;
      this.client = client;
    }

    MongoClient client() {
      return client;
    }

    @Override
    public void close() {
      synchronized (CLIENTS) {
        if (closed) {
          return;
        }
        closed = true;
        Entry e = CLIENTS.get(uri);
        if (e != null && --e.leases == 0) {
          CLIENTS.remove(uri);
          e.client.close();
        }
      }
    }
  }

  static Lease acquire(String uri, Supplier<MongoClient> create) {
    synchronized (CLIENTS) {
      Entry e = CLIENTS.computeIfAbsent(uri, u -> new Entry(create.get()));
      e.leases++;
      return new Lease(uri, e.client);
    }
  }
}
