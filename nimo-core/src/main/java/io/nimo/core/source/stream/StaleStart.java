package io.nimo.core.source.stream;

import java.time.Duration;
import java.util.List;

/**
 * The stale-start rule: a shard without a position yet is read from TRIM_HORIZON, which silently
 * starts after trimmed records. If the stream was not followed for nearly its 24 h retention, such
 * a shard may have lost records, so its table's position counts as lost. nimo-shake checks it when
 * a table's stream sync starts, the Flink job when its enumerator or a reader restores.
 */
public final class StaleStart {
  /** Positions not followed for this long may have lost records to the 24 h retention. */
  public static final Duration AFTER = Duration.ofHours(23);

  private StaleStart() {}

  /**
   * Refuses to read shards without a position from a stream not followed for {@link #AFTER}.
   *
   * @param confirmedAtMillis when the stream was last followed (epoch ms); 0 if unknown, which
   *     passes
   * @param nowMillis the time now
   * @param withoutPosition the shards still to read that have no sequence number yet
   * @throws StreamPositionLostException naming the table, the shards and the pause
   */
  public static void check(
      String table, long confirmedAtMillis, long nowMillis, List<String> withoutPosition) {
    long age = nowMillis - confirmedAtMillis;
    if (confirmedAtMillis <= 0 || age < AFTER.toMillis() || withoutPosition.isEmpty()) {
      return;
    }
    throw StreamPositionLostException.staleStart(
        table, List.copyOf(withoutPosition), Duration.ofMillis(age));
  }
}
