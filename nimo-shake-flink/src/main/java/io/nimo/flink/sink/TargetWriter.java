package io.nimo.flink.sink;

import io.nimo.core.concurrent.NamedThreadFactory;
import io.nimo.core.item.KeySchema;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import io.nimo.flink.item.ItemRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes items to the target through nimo-core's {@link Target} — the same conversions, batching,
 * UnprocessedItems re-drive, retries and refusals naming the key as nimo-shake's: scanned images as
 * the full sync writes them, stream changes as the incremental sync applies them. Like nimo-shake's
 * writer threads, several batches are in flight at once: items go to one of {@code lanes} lanes by
 * their key, each lane writes its batches one after another, so one key's writes keep their arrival
 * order while other keys' batches overlap. A lane's buffer holds one kind per table at a time (a
 * change after scanned images, or the other way round, first sends what is buffered). Everything
 * buffered is written before each checkpoint ({@link #flush}), so a restored job loses nothing;
 * what it writes twice, idempotent upserts make converge. A failed write fails the job at the next
 * element or checkpoint.
 */
final class TargetWriter implements SinkWriter<ItemRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(TargetWriter.class);

  /** Batches a lane may hold queued beyond the one it writes: back-pressure past that. */
  private static final int QUEUED_PER_LANE = 2;

  private final TargetSession targets;
  private final Function<String, KeySchema> keys;
  private final int batchSize;
  private final WriterProgress progress;
  private final AutoCloseable endpoints;
  private final Map<String, Target> open = new ConcurrentHashMap<>();
  private final Lane[] lanes;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /** One table's pending writes in a lane, all of one kind. */
  private static final class Buffer {
    boolean changes;
    List<Map<String, AttributeValue>> images = new ArrayList<>();
    List<ChangeEvent> events = new ArrayList<>();

    int size() {
      return changes ? events.size() : images.size();
    }
  }

  /** A single-threaded writer with its own buffers. */
  private final class Lane {
    final ExecutorService thread;
    final Semaphore room = new Semaphore(QUEUED_PER_LANE + 1);
    final Map<String, Buffer> buffered = new HashMap<>();

    Lane(String name) {
      this.thread = Executors.newSingleThreadExecutor(new NamedThreadFactory(name));
    }

    void add(ItemRecord record) throws IOException {
      String table = record.table();
      Buffer b = buffered.computeIfAbsent(table, t -> new Buffer());
      if (b.size() > 0 && b.changes != record.appliedAsChange()) {
        send(table, b);
      }
      b.changes = record.appliedAsChange();
      if (!record.appliedAsChange()) {
        b.images.add(record.item());
      } else {
        var key = keys.apply(table).keyOf(record.item());
        b.events.add(
            record.removes()
                ? new ChangeEvent(ChangeEvent.Kind.REMOVE, key, null, null, false)
                : new ChangeEvent(ChangeEvent.Kind.MODIFY, key, record.item(), null, false));
      }
      if (b.size() >= batchSize) {
        send(table, b);
      }
    }

    void sendAll() throws IOException {
      for (Map.Entry<String, Buffer> e : buffered.entrySet()) {
        send(e.getKey(), e.getValue());
      }
    }

    private void send(String table, Buffer b) throws IOException {
      if (b.size() == 0) {
        return;
      }
      boolean changes = b.changes;
      List<Map<String, AttributeValue>> images = b.images;
      List<ChangeEvent> events = b.events;
      b.images = new ArrayList<>();
      b.events = new ArrayList<>();
      acquire(room, 1);
      thread.execute(
          () -> {
            try {
              if (failure.get() == null) {
                write(table, changes, images, events);
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              room.release();
            }
          });
    }

    /** Waits until everything sent is written. */
    void drain() throws IOException {
      acquire(room, QUEUED_PER_LANE + 1);
      room.release(QUEUED_PER_LANE + 1);
    }
  }

  TargetWriter(
      TargetSession targets,
      Function<String, KeySchema> keys,
      int batchSize,
      int lanes,
      String name,
      WriterProgress progress,
      AutoCloseable endpoints) {
    this.targets = targets;
    this.keys = keys;
    this.batchSize = batchSize;
    this.progress = progress;
    this.endpoints = endpoints;
    this.lanes = new Lane[Math.max(1, lanes)];
    for (int i = 0; i < this.lanes.length; i++) {
      this.lanes[i] = new Lane(name + "-" + i);
    }
  }

  @Override
  public void write(ItemRecord record, Context context) throws IOException {
    rethrowFailure();
    if (record.kind() == ItemRecord.Kind.SCAN_DONE) {
      return; // the ChangeGate's business
    }
    lanes[Math.floorMod(record.routingKey().hashCode(), lanes.length)].add(record);
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    for (Lane lane : lanes) {
      lane.sendAll();
    }
    for (Lane lane : lanes) {
      lane.drain();
    }
    rethrowFailure();
    progress.maybeLog();
  }

  private void write(
      String table,
      boolean changes,
      List<Map<String, AttributeValue>> images,
      List<ChangeEvent> events) {
    Target target = open.computeIfAbsent(table, t -> targets.table(t, keys.apply(t)));
    if (changes) {
      WriteResult r = target.apply(events);
      progress.applied(table, events.size(), r.written());
    } else {
      WriteResult r = target.writeBatch(images);
      progress.scanned(table, r.written());
    }
    progress.maybeLog();
  }

  private void rethrowFailure() throws IOException {
    Throwable t = failure.get();
    if (t instanceof ItemWriteException refused) {
      // as nimo-shake stops the table: a restart would meet the same item again, forever
      LOG.error(
          "[stage=flink, table={}] the target refused item {{}} for good; the job stops without"
              + " restarts: {}",
          refused.table(),
          refused.key(),
          refused.getMessage());
      throw new SuppressRestartsException(refused);
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IOException(t);
    }
  }

  private static void acquire(Semaphore s, int permits) throws IOException {
    try {
      s.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing to the target");
    }
  }

  @Override
  public void close() throws Exception {
    for (Lane lane : lanes) {
      lane.thread.shutdownNow();
    }
    endpoints.close();
  }
}
