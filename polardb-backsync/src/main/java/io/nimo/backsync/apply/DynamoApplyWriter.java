package io.nimo.backsync.apply;

import io.nimo.backsync.source.ChangeRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Applies changes to DynamoDB. Changes are buffered per table + key (the last change of a key wins,
 * so per-key order holds and a batch never names a key twice) and written with BatchWriteItem when
 * the buffer is full, when {@code apply.flushInterval} passes, and before every checkpoint (Flink
 * calls {@link #flush}), so a completed checkpoint means every change before it is in DynamoDB.
 * Unprocessed items are re-sent with backoff; a permanent error is narrowed to the one change that
 * causes it and fails the job naming its key.
 */
final class DynamoApplyWriter implements SinkWriter<ChangeRecord> {
  private static final int BATCH = 25;

  private final ItemStore store;
  private final ApplyRetrier retrier;
  private final ApplyProgress progress;
  private final Clock clock;
  private final int maxKeys;
  private final long flushInterval;
  private final Map<String, ChangeRecord> buffer = new LinkedHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong unprocessed =
      new java.util.concurrent.atomic.AtomicLong();
  private final ExecutorService writers;

  DynamoApplyWriter(
      ItemStore store,
      ApplyRetrier retrier,
      ApplyProgress progress,
      Clock clock,
      int maxKeys,
      long flushInterval,
      ExecutorService writers) {
    this.store = store;
    this.retrier = retrier;
    this.progress = progress;
    this.clock = clock;
    this.maxKeys = maxKeys;
    this.flushInterval = flushInterval;
    this.writers = writers;
  }

  /** Starts the periodic flush on Flink's processing-time service (runs in the task thread). */
  void schedule(ProcessingTimeService time) {
    time.registerTimer(
        time.getCurrentProcessingTime() + flushInterval,
        now -> {
          flushBuffer();
          progress.logIfDue(clock.millis(), retrier.retries(), unprocessed.get());
          schedule(time);
        });
  }

  @Override
  public void write(ChangeRecord r, Context context) throws InterruptedException {
    String k = r.routingKey();
    buffer.remove(k); // re-insert so the map's order is the order of last changes
    buffer.put(k, r);
    if (buffer.size() >= maxKeys) {
      flushBuffer();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    flushBuffer();
  }

  long applied() {
    return progress.total();
  }

  private void flushBuffer() throws InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    List<ChangeRecord> all = new ArrayList<>(buffer.values());
    // the keys of one flush are distinct, so its batches may be in flight together; the next
    // flush starts only when all of them are written, which keeps every key's order
    List<Future<?>> inFlight = new ArrayList<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      List<ChangeRecord> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
      inFlight.add(
          writers.submit(
              () -> {
                writeChunk(chunk);
                return null;
              }));
    }
    RuntimeException failure = null;
    for (Future<?> f : inFlight) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException
                  ? (RuntimeException) e.getCause()
                  : new IllegalStateException(e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    buffer.clear();
    progress.applied(all, clock.millis());
  }

  private void writeChunk(List<ChangeRecord> chunk) throws InterruptedException {
    Map<String, List<WriteRequest>> pending = requests(chunk);
    long start = clock.millis();
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      Map<String, List<WriteRequest>> sending = pending;
      try {
        pending = retrier.call("BatchWriteItem", () -> store.batchWrite(sending));
      } catch (RuntimeException e) {
        if (chunk.size() > 1 && !ApplyErrorClassifier.retryable(e)) {
          for (ChangeRecord one : chunk) { // find the change DynamoDB refuses
            writeChunk(List.of(one));
          }
          return;
        }
        ChangeRecord first = chunk.get(0);
        throw new ChangeApplyException(
            first.table,
            first.keyJson,
            (chunk.size() > 1 ? "(in a batch of " + chunk.size() + ") " : "") + e.getMessage(),
            e);
      }
      if (!pending.isEmpty()) {
        unprocessed.addAndGet(pending.values().stream().mapToInt(List::size).sum());
        if (!retrier.backoff(attempt, start)) {
          ChangeRecord first = chunk.get(0);
          throw new ChangeApplyException(
              first.table,
              first.keyJson,
              "DynamoDB left "
                  + pending.values().stream().mapToInt(List::size).sum()
                  + " write(s) of this batch unprocessed for the whole apply.retryBudget",
              null);
        }
      }
    }
  }

  private static Map<String, List<WriteRequest>> requests(List<ChangeRecord> chunk) {
    Map<String, List<WriteRequest>> out = new LinkedHashMap<>();
    for (ChangeRecord r : chunk) {
      WriteRequest w;
      try {
        if (ChangeRecord.DELETE.equals(r.op)) {
          Map<String, AttributeValue> key = DynamoJson.read(r.keyJson);
          w =
              WriteRequest.builder()
                  .deleteRequest(DeleteRequest.builder().key(key).build())
                  .build();
        } else {
          if (r.itemJson == null) {
            throw new ChangeApplyException(
                r.table, r.keyJson, "the item value is missing (an unread TOASTed value)", null);
          }
          Map<String, AttributeValue> item = DynamoJson.read(r.itemJson);
          KeyCheck.requireKeyOf(item, DynamoJson.read(r.keyJson));
          w = WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
        }
      } catch (IllegalArgumentException e) {
        throw new ChangeApplyException(
            r.table, r.keyJson, "the item column cannot be written: " + e.getMessage(), e);
      }
      out.computeIfAbsent(r.table, t -> new ArrayList<>()).add(w);
    }
    return out;
  }

  @Override
  public void close() {
    writers.shutdownNow();
    store.close();
  }
}
