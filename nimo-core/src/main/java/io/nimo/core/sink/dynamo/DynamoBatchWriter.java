package io.nimo.core.sink.dynamo;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.dynamo.ItemWrite;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.AdaptiveRate;
import io.nimo.core.retry.Redrive;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryBudgetExhaustedException;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.KeyFold;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes one batch with BatchWriteItem so that nothing is lost: duplicate keys are folded (last
 * wins), throttling is retried and {@code UnprocessedItems} are re-driven with backoff until the
 * retry budget runs out. A batch the endpoint refuses as a whole (PolarDB batches are atomic: one
 * bad item fails them all), whatever the status code unless it is a throttle, is split into single
 * PutItem/DeleteItem calls, each retried as any call (5xx included), so the bad item is named.
 */
final class DynamoBatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoBatchWriter.class);
  static final int MAX_BATCH = 25;
  private static final int IN_FLIGHT = 8;

  private final DynamoApi api;
  private final Retrier retrier;
  private final Retrier batchRetrier;
  private final String table;
  private final KeySchema keys;
  private final AdaptiveRate rate;
  private final ExecutorService chunkWriters;

  DynamoBatchWriter(
      DynamoApi api, Retrier retrier, String table, KeySchema keys, ExecutorService chunkWriters) {
    this.chunkWriters = chunkWriters;
    this.api = api;
    this.retrier = retrier;
    this.batchRetrier = retrier.withClassifier(DynamoErrorClassifier.batchWrites());
    this.table = table;
    this.keys = keys;
    this.rate = new AdaptiveRate(retrier.clock(), d -> retrier.pause("write rate of " + table, d));
  }

  /** Calls BatchWriteItem within the table's adaptive rate, and tells it how the call went. */
  private List<ItemWrite> batchWrite(List<ItemWrite> send) {
    rate.acquire(send.size());
    try {
      List<ItemWrite> unprocessed = api.batchWrite(table, send);
      if (!unprocessed.isEmpty()) {
        rate.throttled();
      }
      rate.succeeded(send.size() - unprocessed.size());
      return unprocessed;
    } catch (AwsServiceException e) {
      if (DynamoErrorClassifier.isThrottling(e)) {
        rate.throttled();
      }
      throw e;
    }
  }

  WriteResult write(List<Map<String, AttributeValue>> items) {
    Map<ItemKey, ItemWrite> unique = KeyFold.lastPerKey(items, keys::keyOf, ItemWrite.Put::new);
    return send(unique, items.size() - unique.size());
  }

  /** Applies stream changes; the last change of a key wins (BatchWriteItem allows one per key). */
  WriteResult apply(List<ChangeEvent> events) {
    Map<ItemKey, ItemWrite> unique =
        KeyFold.lastPerKey(
            events,
            ChangeEvent::key,
            e ->
                e.kind() == ChangeEvent.Kind.REMOVE
                    ? new ItemWrite.Delete(e.key().values())
                    : new ItemWrite.Put(e.newImage()));
    return send(unique, events.size() - unique.size());
  }

  /**
   * Sends in BatchWriteItem-sized chunks (25 requests). The keys are distinct, so up to {@link
   * #IN_FLIGHT} chunks are written at the same time (a large stream batch is otherwise a row of
   * round trips); the call returns when every chunk is written, which keeps each key's order across
   * calls.
   */
  private WriteResult send(Map<ItemKey, ItemWrite> unique, long dedup) {
    if (unique.size() <= MAX_BATCH) {
      return sendChunk(unique, dedup);
    }
    List<Map<ItemKey, ItemWrite>> chunks = new ArrayList<>();
    Map<ItemKey, ItemWrite> chunk = new LinkedHashMap<>();
    for (Map.Entry<ItemKey, ItemWrite> e : unique.entrySet()) {
      chunk.put(e.getKey(), e.getValue());
      if (chunk.size() == MAX_BATCH) {
        chunks.add(chunk);
        chunk = new LinkedHashMap<>();
      }
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    WriteResult total = new WriteResult(0, 0, dedup);
    for (int i = 0; i < chunks.size(); i += IN_FLIGHT) {
      List<Future<WriteResult>> wave = new ArrayList<>();
      for (Map<ItemKey, ItemWrite> c : chunks.subList(i, Math.min(chunks.size(), i + IN_FLIGHT))) {
        wave.add(chunkWriters.submit(() -> sendChunk(c, 0)));
      }
      total = total.plus(await(wave));
    }
    return total;
  }

  /** Waits for a wave of chunks; the first failure is thrown once all have ended. */
  private WriteResult await(List<Future<WriteResult>> wave) {
    WriteResult sum = new WriteResult(0, 0, 0);
    RuntimeException failure = null;
    for (Future<WriteResult> f : wave) {
      try {
        sum = sum.plus(f.get());
      } catch (InterruptedException e) {
        wave.forEach(w -> w.cancel(true));
        Thread.currentThread().interrupt();
        CancellationException c =
            new CancellationException(
                "BatchWriteItem " + table + " interrupted: the job is stopping");
        c.initCause(e);
        throw c;
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return sum;
  }

  private WriteResult sendChunk(Map<ItemKey, ItemWrite> unique, long dedup) {
    try {
      long retried = redrive(new ArrayList<>(unique.values()));
      return new WriteResult(unique.size(), retried, dedup);
    } catch (AwsServiceException rejected) {
      // the endpoint refused the batch as a whole (PolarDB batches are atomic): find the item
      if (unique.size() == 1) {
        throw new ItemWriteException(table, unique.keySet().iterator().next(), rejected);
      }
      LOG.warn(
          "BatchWriteItem of {} items on {} rejected as a whole ({}); retrying item by item",
          unique.size(),
          table,
          rejected.getMessage());
      return new WriteResult(oneByOne(unique), unique.size(), dedup);
    }
  }

  /** Sends the batch and re-drives UnprocessedItems; returns how many item writes were retried. */
  private long redrive(List<ItemWrite> batch) {
    return Redrive.until(
        batchRetrier,
        "BatchWriteItem " + table,
        "items",
        batch,
        this::batchWrite,
        r -> keyOf(r).toString());
  }

  private ItemKey keyOf(ItemWrite r) {
    return r instanceof ItemWrite.Put ? keys.keyOf(r.attributes()) : new ItemKey(r.attributes());
  }

  private long oneByOne(Map<ItemKey, ItemWrite> requests) {
    long written = 0;
    for (Map.Entry<ItemKey, ItemWrite> e : requests.entrySet()) {
      ItemWrite r = e.getValue();
      boolean put = r instanceof ItemWrite.Put;
      String what = (put ? "PutItem " : "DeleteItem ") + table + " {" + e.getKey() + "}";
      try {
        retrier.call(
            what,
            () -> {
              if (put) {
                api.putItem(table, r.attributes());
              } else {
                api.deleteItem(table, r.attributes());
              }
              return null;
            });
      } catch (AwsServiceException | RetryBudgetExhaustedException refused) {
        throw new ItemWriteException(table, e.getKey(), refused);
      }
      written++;
    }
    return written;
  }
}
