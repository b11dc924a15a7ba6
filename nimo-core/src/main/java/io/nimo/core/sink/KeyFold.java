package io.nimo.core.sink;

import io.nimo.core.item.ItemKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Last write wins per key, the fold every target applies to a batch before writing it: one write
 * per key (BatchWriteItem allows no more, and a bulk upsert of one key twice is undefined), the
 * latest of each key kept, keys ordered by their last appearance.
 */
public final class KeyFold {
  private KeyFold() {}

  /**
   * Folds a batch to the latest entry per key.
   *
   * @param batch the entries, oldest first
   * @param key an entry's item key
   * @param value what to keep of an entry
   * @param <E> the entry type
   * @param <T> the kept type
   * @return one value per key, in the order of each key's last entry
   */
  public static <E, T> Map<ItemKey, T> lastPerKey(
      List<E> batch, Function<? super E, ItemKey> key, Function<? super E, T> value) {
    Map<ItemKey, T> latest = new LinkedHashMap<>();
    for (E e : batch) {
      ItemKey k = key.apply(e);
      latest.remove(k);
      latest.put(k, value.apply(e));
    }
    return latest;
  }
}
