package io.nimo.bench;

import io.nimo.backsync.apply.DynamoJson;
import io.nimo.backsync.apply.ItemStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The bare ceiling for backsync: pgoutput logical replication read with pgjdbc, the item column of
 * each insert/update parsed and written with BatchWriteItem (last change of a key wins, 25 per
 * call), no Flink, no Debezium, no checkpoints, no echo filter. Handles only the benchmark's table
 * {@code (pk text primary key, item jsonb)}.
 */
final class PgOutputBareLoop implements Runnable {
  private final String jdbcUrl;
  private final String slot;
  private final String publication;
  private final String table;
  private final ItemStore store;
  private final AtomicBoolean stop = new AtomicBoolean();

  PgOutputBareLoop(String jdbcUrl, String slot, String publication, String table, ItemStore store) {
    this.jdbcUrl = jdbcUrl;
    this.slot = slot;
    this.publication = publication;
    this.table = table;
    this.store = store;
  }

  void stop() {
    stop.set(true);
  }

  @Override
  public void run() {
    Properties p = new Properties();
    PGProperty.USER.set(p, "postgres");
    PGProperty.REPLICATION.set(p, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
    PGProperty.PREFER_QUERY_MODE.set(p, "simple");
    try (Connection c = DriverManager.getConnection(jdbcUrl, p)) {
      PGReplicationStream stream =
          c.unwrap(PGConnection.class)
              .getReplicationAPI()
              .replicationStream()
              .logical()
              .withSlotName(slot)
              .withSlotOption("proto_version", "1")
              .withSlotOption("publication_names", publication)
              .start();
      Map<String, WriteRequest> pending = new LinkedHashMap<>();
      while (!stop.get()) {
        ByteBuffer msg = stream.readPending();
        if (msg == null) {
          flush(pending);
          stream.setAppliedLSN(stream.getLastReceiveLSN());
          stream.setFlushedLSN(stream.getLastReceiveLSN());
          Thread.sleep(1);
          continue;
        }
        String item = itemOf(msg);
        if (item != null) {
          var parsed = DynamoJson.read(item);
          pending.remove(parsed.get("pk").s());
          pending.put(
              parsed.get("pk").s(),
              WriteRequest.builder().putRequest(PutRequest.builder().item(parsed).build()).build());
          if (pending.size() == 25) {
            flush(pending);
          }
        }
      }
      stream.close();
    } catch (Exception e) {
      throw new IllegalStateException("bare loop failed: " + e, e);
    }
  }

  private void flush(Map<String, WriteRequest> pending) {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, List<WriteRequest>> left = Map.of(table, new ArrayList<>(pending.values()));
    while (!left.isEmpty()) {
      left = store.batchWrite(left);
    }
    pending.clear();
  }

  /** The item column text of an Insert or Update message, else null. */
  private static String itemOf(ByteBuffer b) {
    byte type = b.get();
    if (type != 'I' && type != 'U') {
      return null;
    }
    b.getInt(); // relation id
    byte kind = b.get();
    if (kind == 'K' || kind == 'O') { // old tuple first (REPLICA IDENTITY FULL / key change)
      skipTuple(b);
      kind = b.get();
    }
    if (kind != 'N') {
      return null;
    }
    short columns = b.getShort();
    String last = null;
    for (int i = 0; i < columns; i++) {
      byte k = b.get();
      if (k == 't') {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        last = new String(bytes, StandardCharsets.UTF_8);
      }
    }
    return last; // (pk, item): the item is the last column
  }

  private static void skipTuple(ByteBuffer b) {
    short columns = b.getShort();
    for (int i = 0; i < columns; i++) {
      if (b.get() == 't') {
        b.position(b.position() + b.getInt());
      }
    }
  }
}
