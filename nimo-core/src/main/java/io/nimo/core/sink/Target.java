package io.nimo.core.sink;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.TableSchema;
import io.nimo.core.source.ChangeEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One target table. Obtained from {@link TargetSession#table}; the sync calls {@link #prepare} once
 * from the coordinating thread, then {@link #writeBatch} from several writer threads at once, so
 * implementations must be thread-safe.
 *
 * <p>Contract for writes: a batch is an idempotent upsert by primary key (writing the same batch
 * twice leaves the same state), which is what makes resume-after-crash safe. Transient failures
 * (throttling, partial batches, brief outages) are retried inside the call within the configured
 * budget. A call either returns with every item stored or throws: {@link ItemWriteException} naming
 * the key for an item the target refuses, or another runtime exception when the budget is spent.
 * Nothing is dropped silently.
 */
public interface Target extends AutoCloseable {

  /** The target table's name. */
  String name();

  /**
   * Creates the table mirroring {@code source} (keys, indexes, TTL and billing where the target
   * supports them) and waits until it is usable. Applies {@code policy} if it exists already.
   *
   * @throws TargetTableExistsException if it exists and the policy is {@link ExistPolicy#FAIL}
   * @param policy what to do with an existing target table
   * @return whether an existing table was dropped, and notes on settings the target refused
   */
  PrepareResult prepare(TableSchema source, ExistPolicy policy);

  /**
   * Upserts the items; see the class contract. Items may share keys: the last one wins.
   *
   * @return items written, retried and de-duplicated
   */
  WriteResult writeBatch(List<Map<String, AttributeValue>> items);

  /**
   * Applies stream changes in the given order: INSERT and MODIFY write the full new image, REMOVE
   * deletes by key. Idempotent like {@link #writeBatch}: replaying changes converges to the same
   * state. Events of one key arrive in stream order; the last one for a key wins.
   *
   * @param events the changes, in stream order
   * @return changes applied, retried and de-duplicated
   */
  WriteResult apply(List<ChangeEvent> events);

  /**
   * Reads one item by key, for checks and repair.
   *
   * @param key the item's primary key
   * @return the item, or empty if the target has none with that key
   */
  Optional<Map<String, AttributeValue>> read(ItemKey key);

  /**
   * Whether a read right after a write is known to see it (a strong read). A target that cannot
   * promise it (an endpoint whose reads may lag its writes, e.g. PolarDB-DDB not preset to strong
   * consistency) answers false, and the check compares differences again after a pause before it
   * reports them. The default is true.
   *
   * @return whether reads are strong
   */
  default boolean strongReads() {
    return true;
  }

  /**
   * Reads the items of several keys, for checks: a check compares a whole Scan page at once. The
   * default reads them one by one; a target that can fetch many keys in one call overrides it.
   *
   * @param keys the primary keys, each once
   * @return the items found, by key; keys the target has no item for are absent
   */
  default Map<ItemKey, Map<String, AttributeValue>> readAll(List<ItemKey> keys) {
    Map<ItemKey, Map<String, AttributeValue>> found = new HashMap<>();
    for (ItemKey key : keys) {
      read(key).ifPresent(item -> found.put(key, item));
    }
    return found;
  }

  /**
   * Streams every item of the table, for reverse-direction checks; close the stream when done.
   *
   * @return every item of the table (close the stream when done)
   */
  Stream<Map<String, AttributeValue>> scan();

  /**
   * Counts the table's items, for checks (exactly, at the time of the call). The default streams
   * them; a target with a cheaper count overrides it.
   *
   * @param parallelism how many parallel reads a scanning count may use
   * @return how many items the table holds
   */
  default long count(int parallelism) {
    try (Stream<Map<String, AttributeValue>> all = scan()) {
      return all.count();
    }
  }

  @Override
  default void close() {}
}
