package io.nimo.core.target.dynamo;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryBudgetExhaustedException;
import io.nimo.core.target.ItemWriteException;
import io.nimo.core.target.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes one batch with BatchWriteItem so that nothing is lost: duplicate keys are folded (last
 * wins), throttling and 5xx are retried, {@code UnprocessedItems} are re-driven with backoff
 * until the retry budget runs out, and a batch the endpoint rejects as a whole (PolarDB batches
 * are atomic) is split into single PutItem calls so the one bad item is named.
 */
final class DynamoBatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoBatchWriter.class);

  private final DynamoApi api;
  private final Retrier retrier;
  private final String table;
  private final KeySchema keys;

  DynamoBatchWriter(DynamoApi api, Retrier retrier, String table, KeySchema keys) {
    this.api = api;
    this.retrier = retrier;
    this.table = table;
    this.keys = keys;
  }

  WriteResult write(List<Map<String, AttributeValue>> items) {
    Map<ItemKey, Map<String, AttributeValue>> unique = new LinkedHashMap<>();
    for (Map<String, AttributeValue> item : items) {
      unique.put(keys.keyOf(item), item);
    }
    List<WriteRequest> pending = new ArrayList<>(unique.size());
    unique.values().forEach(i -> pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()));
    long dedup = items.size() - unique.size();
    try {
      long retried = redrive(pending);
      return new WriteResult(unique.size(), retried, dedup);
    } catch (RetryBudgetExhaustedException e) {
      throw e;
    } catch (RuntimeException rejected) {
      if (unique.size() == 1) {
        throw new ItemWriteException(table, unique.keySet().iterator().next(), rejected);
      }
      LOG.warn("BatchWriteItem of {} items on {} rejected as a whole ({}); retrying item by item",
          unique.size(), table, rejected.getMessage());
      return new WriteResult(putOneByOne(unique), unique.size(), dedup);
    }
  }

  /** Sends the batch and re-drives UnprocessedItems; returns how many item writes were retried. */
  private long redrive(List<WriteRequest> batch) {
    Instant deadline = retrier.clock().instant().plus(retrier.policy().budget());
    List<WriteRequest> pending = batch;
    long retried = 0;
    for (int round = 1; ; round++) {
      List<WriteRequest> send = pending;
      List<WriteRequest> unprocessed = retrier.call("BatchWriteItem " + table, () -> api.batchWrite(table, send));
      if (unprocessed.isEmpty()) {
        return retried;
      }
      retried += unprocessed.size();
      if (retrier.clock().instant().isAfter(deadline)) {
        ItemKey first = keys.keyOf(unprocessed.get(0).putRequest().item());
        throw new RetryBudgetExhaustedException("BatchWriteItem " + table + ": " + unprocessed.size()
            + " items still unprocessed (first {" + first + "})", round, new IllegalStateException("UnprocessedItems"));
      }
      LOG.debug("{} of {} items unprocessed on {}, re-driving (round {})", unprocessed.size(), send.size(), table, round);
      retrier.pause("BatchWriteItem " + table, Retrier.jitter(retrier.policy().backoff(round)));
      pending = unprocessed;
    }
  }

  private long putOneByOne(Map<ItemKey, Map<String, AttributeValue>> items) {
    long written = 0;
    for (Map.Entry<ItemKey, Map<String, AttributeValue>> e : items.entrySet()) {
      try {
        retrier.call("PutItem " + table + " {" + e.getKey() + "}", () -> {
          api.putItem(table, e.getValue());
          return null;
        });
      } catch (RetryBudgetExhaustedException budget) {
        throw budget;
      } catch (RuntimeException refused) {
        throw new ItemWriteException(table, e.getKey(), refused);
      }
      written++;
    }
    return written;
  }
}
