package io.nimo.flink.lag;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the stream source's enumerator posts how far behind its readers are, for the Scan source's
 * enumerator to read: both run in the JobManager, and Flink gives two sources no other channel. One
 * board per job, named by a link id both sources carry; a JobManager that takes over starts empty
 * and fills with the readers' next reports.
 */
public final class StreamLagBoard {
  private static final Map<String, Map<Integer, Map<String, Long>>> BOARDS =
      new ConcurrentHashMap<>();

  private StreamLagBoard() {}

  /**
   * Posts one stream reader's lag per table.
   *
   * @param link the job's link id
   * @param reader the reader's subtask
   * @param readers how many readers there are now (reports of readers past it are dropped)
   * @param behindMillis per table, how far behind
   */
  public static void report(String link, int reader, int readers, Map<String, Long> behindMillis) {
    Map<Integer, Map<String, Long>> board =
        BOARDS.computeIfAbsent(link, k -> new ConcurrentHashMap<>());
    board.keySet().removeIf(r -> r >= readers);
    board.put(reader, Map.copyOf(behindMillis));
  }

  /**
   * The table furthest behind.
   *
   * @param link the job's link id
   * @return that table and its lag, or empty before any report
   */
  public static Optional<StreamLag> worst(String link) {
    Map<Integer, Map<String, Long>> board = BOARDS.getOrDefault(link, Map.of());
    return board.values().stream()
        .flatMap(m -> m.entrySet().stream())
        .max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
        .map(e -> new StreamLag(e.getKey(), e.getValue()));
  }

  /**
   * Drops a job's board (its stream enumerator closed).
   *
   * @param link the job's link id
   */
  public static void forget(String link) {
    BOARDS.remove(link);
  }
}
