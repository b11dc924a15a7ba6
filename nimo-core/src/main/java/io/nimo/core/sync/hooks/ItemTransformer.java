package io.nimo.core.sync.hooks;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Changes or drops items on their way from the source to the target: rename or drop attributes,
 * skip items by predicate. Called concurrently from the parser threads of every table, so it must
 * be thread-safe and should be fast and free of I/O.
 *
 * <p>Contract: return the item to write (the same map or a new one), or {@link Optional#empty()} to
 * skip it. Skipped items are counted per table ({@code filtered}) and shown in the summary: nothing
 * disappears unreported. The primary-key attributes must come out unchanged; a transformer that
 * changes them stops the table with an error naming the key, because resume and de-duplication rely
 * on keys.
 */
@FunctionalInterface
public interface ItemTransformer {
  /** Writes every item as read. */
  ItemTransformer IDENTITY = (table, item) -> Optional.of(item);

  /**
   * The item to write for {@code item} of {@code table}, or empty to skip it (counted as filtered).
   */
  Optional<Map<String, AttributeValue>> transform(String table, Map<String, AttributeValue> item);
}
