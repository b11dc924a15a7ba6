package io.nimo.core.dynamo;

import io.nimo.core.item.ItemKey;
import io.nimo.core.retry.Redrive;
import io.nimo.core.retry.Retrier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whole items by key, {@value #MAX_KEYS} keys per strongly consistent BatchGetItem, instead of one
 * GetItem per key; {@code UnprocessedKeys} are sent again with capped backoff within the retry
 * budget, past which the call fails naming the first key left. Returned items are matched to the
 * wanted keys by value, so a number written {@code 1.50} matches {@code 1.5}.
 */
public final class BatchItemReader {
  /** BatchGetItem's limit. */
  public static final int MAX_KEYS = 100;

  private final DynamoApi api;
  private final Retrier retrier;
  private final boolean confirmAbsent;

  /**
   * A reader over one endpoint.
   *
   * @param api the endpoint
   * @param retrier retries each call and bounds the re-drive
   */
  public BatchItemReader(DynamoApi api, Retrier retrier) {
    this(api, retrier, false);
  }

  /**
   * A reader over one endpoint that may lose unprocessed keys.
   *
   * @param api the endpoint
   * @param retrier retries each call and bounds the re-drive
   * @param confirmAbsent whether a key BatchGetItem returned neither as an item nor as unprocessed
   *     is read once more by GetItem before it counts as absent (PolarDB proxies before 2.3.64
   *     reported unprocessed keys under a wrong field name, so they looked absent)
   */
  public BatchItemReader(DynamoApi api, Retrier retrier, boolean confirmAbsent) {
    this.api = api;
    this.retrier = retrier;
    this.confirmAbsent = confirmAbsent;
  }

  /**
   * Reads the items of {@code wanted}.
   *
   * @param wanted the primary keys, each once, all with the same attribute names
   * @return each wanted key that has an item, to that item
   */
  public Map<ItemKey, Map<String, AttributeValue>> read(String table, List<ItemKey> wanted) {
    return read(table, wanted, List.of());
  }

  /**
   * Reads only {@code attributes} of the items of {@code wanted} (e.g. just the key attributes, to
   * learn which exist).
   *
   * @param wanted the primary keys, each once, all with the same attribute names
   * @param attributes the attributes to return, which must include the key attributes; empty =
   *     whole items
   * @return each wanted key that has an item, to what was returned of it
   */
  public Map<ItemKey, Map<String, AttributeValue>> read(
      String table, List<ItemKey> wanted, List<String> attributes) {
    Map<ItemKey, Map<String, AttributeValue>> out = new HashMap<>();
    if (wanted.isEmpty()) {
      return out;
    }
    List<String> names = new ArrayList<>(wanted.get(0).values().keySet());
    Map<List<Object>, ItemKey> byValue = new HashMap<>();
    for (ItemKey k : wanted) {
      byValue.put(byValue(k.values(), names), k);
    }
    for (int from = 0; from < wanted.size(); from += MAX_KEYS) {
      List<Map<String, AttributeValue>> batch = new ArrayList<>();
      for (ItemKey k : wanted.subList(from, Math.min(wanted.size(), from + MAX_KEYS))) {
        batch.add(k.values());
      }
      Redrive.until(
          retrier,
          "BatchGetItem " + table,
          "keys",
          batch,
          send -> {
            BatchGetResult r = api.batchGet(table, send, attributes);
            for (Map<String, AttributeValue> item : r.items()) {
              ItemKey k = byValue.get(byValue(item, names));
              if (k != null) {
                out.put(k, item);
              }
            }
            return r.unprocessedKeys();
          },
          key -> new ItemKey(key).toString());
    }
    if (confirmAbsent && attributes.isEmpty()) {
      for (ItemKey k : wanted) {
        if (!out.containsKey(k)) {
          Map<String, AttributeValue> item =
              retrier.call(
                  "GetItem " + table + " {" + k + "}", () -> api.getItem(table, k.values()));
          if (item != null && !item.isEmpty()) {
            out.put(k, item);
          }
        }
      }
    }
    return out;
  }

  /**
   * A key's values in a form that compares as DynamoDB does: S as text, B as bytes, N by value
   * (trailing zeros dropped).
   *
   * @param item an item or key
   * @param names the key attribute names, in order
   * @return the comparable values
   */
  public static List<Object> byValue(Map<String, AttributeValue> item, List<String> names) {
    List<Object> out = new ArrayList<>(names.size());
    for (String a : names) {
      AttributeValue v = item.get(a);
      out.add(
          v == null
              ? null
              : v.n() != null
                  ? new BigDecimal(v.n()).stripTrailingZeros()
                  : v.s() != null ? v.s() : v.b());
    }
    return out;
  }
}
